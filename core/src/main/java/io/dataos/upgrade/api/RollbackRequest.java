package io.dataos.upgrade.api;

import java.io.Serializable;

/**
 * What to roll back: either a reviewed rollback plan file ({@code plan}, written by
 * {@code dataos-upgrade plan rollback} or {@code dataosPlan}), or the installed platform state and
 * the rollback target (a release manifest or a recorded platform state) to plan from; the
 * dataos-manager values file (else the settings'), the settings file, why the rollback happens (for
 * the stakeholder notice) and the options. {@code runId} null derives one from the plan, so
 * re-running the same rollback resumes it. {@code markDone} names an action of the run that a person
 * completed by hand ({@code markDoneReason} says why); it is journaled as done, by
 * {@code startedBy}, and the run continues after it.
 */
public record RollbackRequest(String runId, String installed, String target, String plan, String valuesFile,
        String settings, String reason, boolean dryRun, String startedBy, SettingsOverrides overrides,
        String markDone, String markDoneReason) implements Serializable {

    private static final long serialVersionUID = 1L;

    public RollbackRequest {
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
        // free text reaches the terminal, the journal, the notice and the reports
        reason = io.dataos.upgrade.text.FreeText.neutral(reason);
        startedBy = io.dataos.upgrade.text.FreeText.neutral(startedBy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RollbackRequest}. */
    public static final class Builder {
        private String runId;
        private String installed;
        private String target;
        private String plan;
        private String valuesFile;
        private String settings;
        private String reason;
        private boolean dryRun;
        private String startedBy;
        private SettingsOverrides overrides = SettingsOverrides.NONE;
        private String markDone;
        private String markDoneReason;

        public Builder runId(String value) {
            runId = value;
            return this;
        }

        public Builder installed(String value) {
            installed = value;
            return this;
        }

        public Builder target(String value) {
            target = value;
            return this;
        }

        public Builder plan(String value) {
            plan = value;
            return this;
        }

        public Builder valuesFile(String value) {
            valuesFile = value;
            return this;
        }

        public Builder settings(String value) {
            settings = value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder startedBy(String value) {
            startedBy = value;
            return this;
        }

        public Builder overrides(SettingsOverrides value) {
            overrides = value;
            return this;
        }

        /** An action of the run done by hand, and why; the run continues after it. */
        public Builder markDone(String actionId, String why) {
            markDone = actionId;
            markDoneReason = why;
            return this;
        }

        public RollbackRequest build() {
            return new RollbackRequest(runId, installed, target, plan, valuesFile, settings, reason, dryRun, startedBy,
                    overrides, markDone, markDoneReason);
        }
    }
}
