package io.dataos.upgrade.api;

import java.io.Serializable;

/**
 * What to upgrade: workspace paths of the installed platform state, the release manifest and the
 * dataos-manager values file, the runbook settings file (null: {@code dataos-upgrade.yaml} when it
 * exists), an optional reviewed plan file (then exactly that plan runs), an optional maintenance
 * window (else the settings', else the installed state's), and the options. {@code runId} null
 * derives one from the plan, so re-running the same upgrade resumes it. {@code markDone} names an action
 * of the run that a person completed by hand ({@code markDoneReason} says why); it is journaled as done, by
 * {@code startedBy}, and the run continues after it.
 */
public record UpgradeRequest(String runId, String installed, String release, String valuesFile, String settings,
        String plan, String maintenanceWindow, boolean dryRun, boolean autoRollback, boolean force, boolean backup,
        String startedBy, SettingsOverrides overrides, String markDone, String markDoneReason) implements Serializable {

    private static final long serialVersionUID = 1L;

    public UpgradeRequest {
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
        // free text reaches the terminal, the journal and the reports
        startedBy = io.dataos.upgrade.text.FreeText.neutral(startedBy);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link UpgradeRequest}; backups are on, everything else off, unless set. */
    public static final class Builder {
        private String runId;
        private String installed;
        private String release;
        private String valuesFile;
        private String settings;
        private String plan;
        private String maintenanceWindow;
        private boolean dryRun;
        private boolean autoRollback;
        private boolean force;
        private boolean backup = true;
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

        public Builder release(String value) {
            release = value;
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

        public Builder plan(String value) {
            plan = value;
            return this;
        }

        public Builder maintenanceWindow(String value) {
            maintenanceWindow = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        public Builder autoRollback(boolean value) {
            autoRollback = value;
            return this;
        }

        public Builder force(boolean value) {
            force = value;
            return this;
        }

        public Builder backup(boolean value) {
            backup = value;
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

        public UpgradeRequest build() {
            return new UpgradeRequest(runId, installed, release, valuesFile, settings, plan, maintenanceWindow, dryRun,
                    autoRollback, force, backup, startedBy, overrides, markDone, markDoneReason);
        }
    }
}
