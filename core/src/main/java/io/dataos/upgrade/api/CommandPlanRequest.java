package io.dataos.upgrade.api;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A plan file whose every action runs the argv in its {@code command} parameter, as the hidden
 * {@code run-plan} command runs it: the run id (the same id resumes), the actions run at once where
 * dependencies allow, whether to only show what would run, the gates approved before the run (gate
 * id to approver), the release whose lock to hold (or null) and who started the run.
 */
public record CommandPlanRequest(Path plan, String runId, int parallelism, boolean dryRun,
        Map<String, String> approved, String lock, String startedBy) {

    public CommandPlanRequest {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(runId, "runId");
        approved = Map.copyOf(approved == null ? Map.of() : approved);
    }
}
