package io.dataos.upgrade.model;

import java.util.List;
import java.util.Objects;

/**
 * The Cloud Kernel layer: the Kubernetes version, the infrastructure-as-code revision with the
 * command that rolls the infrastructure back to it, and PostgreSQL with the snapshot of its data
 * taken at this release.
 */
public record CloudKernel(Kubernetes kubernetes, Iac iac, Postgres postgres) {

    public CloudKernel {
        Objects.requireNonNull(kubernetes, "kubernetes");
        Objects.requireNonNull(postgres, "postgres");
    }

    /** The Kubernetes control-plane version. Kubernetes cannot be downgraded in place. */
    public record Kubernetes(ComponentVersion version) {
        public Kubernetes {
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * The infrastructure-as-code revision and the argv (never a shell line) that applies it, e.g.
     * {@code [terraform, -chdir=infra, apply, -auto-approve, -var-file=releases/1.4.tfvars]}.
     */
    public record Iac(ComponentVersion version, List<String> rollbackCommand) {
        public Iac {
            Objects.requireNonNull(version, "version");
            rollbackCommand = List.copyOf(rollbackCommand == null ? List.of() : rollbackCommand);
        }
    }

    /** The PostgreSQL server version and the name of the data snapshot taken at this release (or null). */
    public record Postgres(ComponentVersion version, String snapshot) {
        public Postgres {
            Objects.requireNonNull(version, "version");
        }
    }
}
