package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Where a rehearsal plays the runbook: the in-process sandbox (the default) or a real control plane. */
public enum RehearsalCluster {
    /** The in-process Kubernetes API and in-process Helm: needs nothing but Java. */
    SANDBOX("sandbox"),
    /**
     * A real Kubernetes control plane (etcd, kube-apiserver, controllers, scheduler, kwok as the one
     * simulated part) started from the binaries {@code realcluster/build} makes, with the real helm and
     * kubectl (docs/real-cluster.md).
     */
    REAL("real");

    private final String option;

    RehearsalCluster(String option) {
        this.option = option;
    }

    /** The name used on the command line. */
    public String option() {
        return option;
    }

    /** The cluster named {@code option} (case-insensitive); refuses others, listing the choices. */
    public static RehearsalCluster fromOption(String option, String source) {
        for (RehearsalCluster cluster : values()) {
            if (cluster.option.equalsIgnoreCase(option == null ? "" : option.trim())) {
                return cluster;
            }
        }
        throw new InvalidInputException(source, "cluster", "'" + option + "' is not a rehearsal cluster: use one of "
                + Arrays.stream(values()).map(RehearsalCluster::option).collect(Collectors.joining(", ")));
    }
}
