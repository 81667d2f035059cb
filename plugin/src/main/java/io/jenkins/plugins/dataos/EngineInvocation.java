package io.jenkins.plugins.dataos;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step asks of the engine, fixed when the step starts and kept with the execution across controller
 * restarts: the command line's command and options (never a secret), the credential ids whose values the engine
 * gets in its environment, and how the step turns the engine's exit code into its outcome. Holds no secret and
 * no Jenkins object, so it serializes with the Pipeline's state.
 */
final class EngineInvocation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How a step treats exit code 1 (runbook failed) and 3 (waiting at a gate). */
    enum Outcome {
        /** Plan and report: any non-zero code fails the step. */
        PLAIN,
        /** Upgrade and rollback: fail unless {@code propagate: false}, then return the result. */
        RUNBOOK,
        /** Verify: failed checks fail the step, or with {@code failOn: 'unstable'} mark the build UNSTABLE. */
        VERIFY
    }

    final String function;
    final List<String> argv;
    final Map<String, String> credentialIds;
    final String stateDir;
    final Outcome outcome;
    final boolean propagate;
    final boolean unstableOnFailure;
    /** Whether the command takes --workspace and --state-dir (plan reads its files from the directory it runs in). */
    final boolean workspaceOptions;
    /** The step argument each command-line option came from, to name it in the engine's refusals. */
    final Map<String, String> arguments;
    /** Who approved gates, whose Jenkins groups go to the engine as well (null in a step saved before it). */
    final List<String> approvers;

    private EngineInvocation(Builder b) {
        this.function = b.function;
        this.argv = List.copyOf(b.argv);
        this.credentialIds = Map.copyOf(b.credentialIds);
        this.stateDir = b.stateDir;
        this.outcome = b.outcome;
        this.propagate = b.propagate;
        this.unstableOnFailure = b.unstableOnFailure;
        this.workspaceOptions = b.workspaceOptions;
        this.arguments = Map.copyOf(b.fields);
        this.approvers = List.copyOf(b.approvers);
    }

    static Builder of(String function, String... command) {
        return new Builder(function, command);
    }

    /** Collects the command line's options from a step's fields; blank values are left out. */
    static final class Builder {
        private final String function;
        private final List<String> argv = new ArrayList<>();
        private final Map<String, String> fields = new LinkedHashMap<>();
        private final Map<String, String> credentialIds = new LinkedHashMap<>();
        private String stateDir;
        private Outcome outcome = Outcome.PLAIN;
        private boolean propagate = true;
        private boolean unstableOnFailure;
        private boolean workspaceOptions = true;
        private final java.util.Set<String> approvers = new java.util.LinkedHashSet<>();

        private Builder(String function, String... command) {
            this.function = function;
            argv.addAll(List.of(command));
        }

        /** Step argument {@code field} as {@code --option value}, when the value is given. */
        Builder option(String field, String option, String value) {
            fields.put(option, field);
            if (value != null && !value.isBlank()) {
                argv.add(option);
                argv.add(value);
            }
            return this;
        }

        /** Step argument {@code field} as {@code --option N}, when N is positive. */
        Builder option(String field, String option, int value) {
            return option(field, option, value > 0 ? Integer.toString(value) : null);
        }

        /** Step argument {@code field} as {@code --option}, when on. */
        Builder flag(String field, String option, boolean on) {
            fields.put(option, field);
            if (on) {
                argv.add(option);
            }
            return this;
        }

        /** Step argument {@code field} as {@code --option value} once per value. */
        Builder repeated(String field, String option, List<String> values) {
            fields.put(option, field);
            if (values != null) {
                values.forEach(v -> option(field, option, v));
            }
            return this;
        }

        /**
         * The approvals as {@code --approve GATE=APPROVER}, one per gate, and each approver's groups as
         * {@code --approver-group APPROVER=GROUP}; the groups Jenkins knows of each approver are added when the
         * engine is launched ({@link UserGroups}).
         */
        Builder approvals(List<Approval> approvals) {
            fields.put("--approve", "approvals");
            fields.put("--approver-group", "approvals");
            if (approvals != null) {
                approvals.forEach(a -> option("approvals", "--approve", a.getGate() + "=" + a.getApprover()));
                approvals.forEach(a -> approvers.add(a.getApprover()));
                java.util.Set<String> seen = new java.util.LinkedHashSet<>();
                approvals.forEach(a -> a.getGroups().forEach(g -> seen.add(a.getApprover() + "=" + g)));
                seen.forEach(g -> option("approvals", "--approver-group", g));
            }
            return this;
        }

        /** The engine's secret {@code name} comes from the credential {@code id} (nothing when no id). */
        Builder secret(String name, String id) {
            if (id != null && !id.isBlank()) {
                credentialIds.put(name, id.trim());
            }
            return this;
        }

        /** The Prime API key, the database password and the other secrets a runbook step names. */
        Builder credentials(String primeApiKeyId, String postgresPasswordId, List<SecretCredential> others) {
            return secret(StepCredentials.PRIME_API_KEY, primeApiKeyId)
                    .secret(StepCredentials.POSTGRES_PASSWORD, postgresPasswordId).secrets(others);
        }

        Builder secrets(List<SecretCredential> secrets) {
            if (secrets != null) {
                secrets.forEach(s -> secret(s.getName(), s.getCredentialsId()));
            }
            return this;
        }

        Builder stateDir(String value) {
            stateDir = value == null || value.isBlank() ? null : value.trim();
            return this;
        }

        Builder outcome(Outcome value, boolean propagateFailure) {
            outcome = value;
            propagate = propagateFailure;
            return this;
        }

        /** The command runs in the workspace and takes no --workspace or --state-dir. */
        Builder inWorkspaceDirectory() {
            workspaceOptions = false;
            return this;
        }

        Builder unstableOnFailure(boolean value) {
            unstableOnFailure = value;
            return this;
        }

        EngineInvocation build() {
            return new EngineInvocation(this);
        }
    }
}
