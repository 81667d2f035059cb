package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.util.List;
import java.util.Objects;

/**
 * One request to run a plan: the run id (the same id resumes the run), the plan's id and actions,
 * whether to only show what would run, who asked, the release lock to hold while running (null
 * for none), how to name the plan in error messages (its file, usually), and why the run happens
 * (a rollback's reason, journaled for the reports; null when none was given).
 */
public record RunRequest(String runId, String planId, List<PlanAction> actions, boolean dryRun, String startedBy,
        String lockName, String planSource, String reason) {

    public RunRequest(String runId, String planId, List<PlanAction> actions, boolean dryRun, String startedBy,
            String lockName, String planSource) {
        this(runId, planId, actions, dryRun, startedBy, lockName, planSource, null);
    }

    public RunRequest {
        Objects.requireNonNull(actions, "actions");
        actions = List.copyOf(actions);
        planId = planId == null ? "" : planId;
        startedBy = io.dataos.upgrade.text.FreeText.neutral(startedBy == null || startedBy.isBlank()
                ? System.getProperty("user.name", "unknown") : startedBy);
        planSource = planSource == null || planSource.isBlank() ? "plan '" + planId + "'" : planSource;
    }

    /** A real run of {@code actions}, holding no lock. */
    public static RunRequest of(String runId, String planId, List<PlanAction> actions) {
        return new RunRequest(runId, planId, actions, false, null, null, null);
    }

    public RunRequest asDryRun() {
        return new RunRequest(runId, planId, actions, true, startedBy, lockName, planSource, reason);
    }

    public RunRequest lockingRelease(String release) {
        return new RunRequest(runId, planId, actions, dryRun, startedBy, release, planSource, reason);
    }

    public RunRequest by(String who) {
        return new RunRequest(runId, planId, actions, dryRun, who, lockName, planSource, reason);
    }

    public RunRequest from(String source) {
        return new RunRequest(runId, planId, actions, dryRun, startedBy, lockName, source, reason);
    }

    /** This request, journaling {@code why} as the reason of the run. */
    public RunRequest because(String why) {
        return new RunRequest(runId, planId, actions, dryRun, startedBy, lockName, planSource, why);
    }
}
