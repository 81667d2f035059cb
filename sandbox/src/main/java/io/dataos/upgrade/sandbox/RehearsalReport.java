package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.RunbookResult;
import io.dataos.upgrade.api.RunbookStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The rehearsal's own report (labelled REHEARSAL), built from the production runbooks' results and
 * the journal steps they reported ({@link RunJournal}); the engine's run and RCA reports are written
 * by the runbooks themselves and only listed here.
 */
record RehearsalReport(RehearsalFault fault, String fromTag, String toTag, RunbookResult upgrade,
        RunbookResult rollback, RunbookStatus upgradeStatus, RunbookStatus rollbackStatus, String endTag,
        boolean expected, List<ReleaseRevision> history, RunJournal journal, List<String> reports,
        RehearsalDatabase.BadWrites badWrites, String where) {

    /** Where the report is written, relative to the workspace. */
    static final String FILE = "reports/rehearsal-report.md";

    /** The backup kits the runs took (workspace paths). */
    List<String> kits() {
        List<String> kits = new ArrayList<>();
        if (upgrade.backup() != null) {
            kits.add(upgrade.backup());
        }
        if (rollback != null && rollback.backup() != null) {
            kits.add(rollback.backup());
        }
        return kits;
    }

    /** The rollback's run id and journal: the automatic one's, else the separate rollback runbook's, else null. */
    private String rollbackRunId() {
        return upgrade.rollbackRunId() != null ? upgrade.rollbackRunId() : rollback == null ? null : rollback.runId();
    }

    private String rollbackJournal() {
        return upgrade.rollbackRunId() != null ? upgrade.rollbackJournal() : rollback == null ? null : rollback.journal();
    }

    /** @param figures sandbox start, upgrade run, rollback run, whole rehearsal */
    String markdown(String database, List<String> timeline, List<Duration> figures) {
        StringBuilder md = new StringBuilder();
        if (where == null) {
            md.append("# REHEARSAL: DataOS upgrade and rollback in the sandbox\n\n")
                    .append("> This is a rehearsal of the production upgrade and rollback runbooks against an"
                            + " in-process Kubernetes API, in-process Helm and a real, throw-away local PostgreSQL"
                            + " server. The site's own commands (stacks, components, infrastructure as code) were"
                            + " simulated. No real cluster, database or stakeholder was touched; approvals were"
                            + " automatic.\n\n");
        } else {
            md.append("# REHEARSAL: DataOS upgrade and rollback on a real cluster\n\n")
                    .append("> This is a rehearsal of the production upgrade and rollback runbooks against ")
                    .append(where).append(", started for the rehearsal and stopped at its end, with the real helm and"
                            + " kubectl binaries and a real, throw-away local PostgreSQL server. No container ran:"
                            + " kwok set the pods' status, and the manager's health endpoint was simulated from the"
                            + " StatefulSet's status. The site's own commands (stacks, components, infrastructure as"
                            + " code) were simulated. No production cluster, database or stakeholder was touched;"
                            + " approvals were automatic.\n\n");
        }
        md
                .append("| | |\n|---|---|\n")
                .append("| Scenario | dataos-manager ").append(fromTag).append(" → ").append(toTag)
                .append(" |\n| Injected fault | ").append(fault.option())
                .append(" |\n| Upgrade run | ").append(upgradeStatus)
                .append(upgrade.failedAction() == null ? "" : " at `" + upgrade.failedAction() + "`")
                .append(" |\n| Rollback run | ").append(rollbackStatus == null ? "not needed" : rollbackStatus.toString())
                .append(rollbackRunId() == null ? "" : upgrade.rollbackRunId() != null
                        ? " (automatic, after the failed validation)" : " (rollback runbook)")
                .append(" |\n| Manager at the end | ").append(endTag)
                .append(" |\n| Outcome | ").append(expected ? "as the runbook expects for this fault" : "UNEXPECTED")
                .append(" |\n\n");
        md.append(database);
        md.append("## Root cause analysis\n\n### Issue investigation\n\n");
        if (upgrade.failedAction() != null) {
            md.append("The upgrade stopped at `").append(upgrade.failedAction()).append("`: ")
                    .append(upgrade.error().isEmpty() ? upgrade.message() : upgrade.error()).append("\n\n");
            if (rollback != null && !rollback.succeeded()) {
                md.append("The rollback ended ").append(rollback.status()).append(": ").append(rollback.message())
                        .append("\n\n");
            }
        } else {
            md.append("The upgrade completed; nothing to investigate.\n\n");
        }
        md.append("Cause: ").append(switch (fault) {
            case VALIDATION -> "the injected fault made the health endpoint of " + toTag + " answer 503 after a"
                    + " complete rollout" + (badWrites == null ? "." : ", and the release wrote bad data after the"
                    + " backup (" + badWrites.describe() + "); the rollback restored the database from the backup"
                    + " kit's dump and the data-integrity check compared it with the baseline.");
            case HELM_FAILURE -> "the injected fault made the API refuse the StatefulSet at " + toTag + ".";
            case CRASH_AND_RESUME -> "the run was cut short right after the helm upgrade; the resumed run asked the"
                    + " production helm upgrade handler whether the upgrade was done, found it done and did not"
                    + " repeat it.";
            case NONE -> "none (no fault injected).";
        }).append("\n\n### Documentation\n\nRelease history after the rehearsal:\n\n")
                .append("| Revision | Status | Chart | Description |\n|---|---|---|---|\n");
        for (ReleaseRevision r : history) {
            md.append("| ").append(r.revision()).append(" | ").append(r.status()).append(" | ").append(r.chart())
                    .append(" | ").append(r.description()).append(" |\n");
        }
        md.append("\nActions (journal states):\n\n");
        appendStates(md, upgrade.runId(), upgradeStatus, upgrade.journal());
        if (rollbackRunId() != null) {
            appendStates(md, rollbackRunId(), rollbackStatus, rollbackJournal());
        }
        md.append("\nThe engine's run and root-cause-analysis reports, written by the runbooks from the journals: ")
                .append(String.join(", ", reports)).append(" (under workspace/).\n");
        md.append("\n### Process enhancements\n\n")
                .append("- Keep the validation checks that caught this (rollout status, health endpoint, data"
                        + " integrity) in the real pipeline's checks file.\n")
                .append("- Rehearse each release's upgrade in the sandbox before the maintenance window.\n")
                .append("\n### Stakeholder debrief\n\nIn a real run: Data Product Consumer teams, Data Product"
                        + " Development teams, DataOS Operators / Platform Administrators, other affected teams"
                        + " (e.g. Operations). Not sent: rehearsal (the notices are in the workspace).\n\n")
                .append("## Timeline\n\n```\n");
        timeline.forEach(line -> md.append(line).append('\n'));
        md.append("```\n\n## Figures\n\n| What | Time |\n|---|---|\n")
                .append(where == null ? "| sandbox API start | " : "| control plane start | ").append(figures.get(0).toMillis()).append(" ms |\n")
                .append("| upgrade run | ").append(figures.get(1).toMillis()).append(" ms |\n")
                .append("| rollback run | ").append(figures.get(2).toMillis()).append(" ms |\n")
                .append("| whole rehearsal | ").append(figures.get(3).toMillis()).append(" ms |\n");
        return md.toString();
    }

    private void appendStates(StringBuilder md, String runId, RunbookStatus status, String journalPath) {
        md.append("- run `").append(runId).append("` (").append(status).append(", ")
                .append(journal.attempts(runId)).append(" attempt(s), journal `").append(journalPath).append("`)\n");
        for (RunJournal.Action action : journal.actions(runId)) {
            md.append("  - `").append(action.id()).append("`: ").append(action.state());
            if (action.starts() > 1) {
                md.append(", started ").append(action.starts()).append(" times");
            }
            if (action.approved()) {
                md.append(", approved automatically (rehearsal)");
            }
            md.append('\n');
        }
    }
}
