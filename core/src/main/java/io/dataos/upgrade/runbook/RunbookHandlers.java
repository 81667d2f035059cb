package io.dataos.upgrade.runbook;

import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import java.time.Clock;

/**
 * The production handler of every {@link ActionKind} the planners emit, each carrying out its
 * runbook step through the existing operations (Helm, values file, backup kit, PostgreSQL restore,
 * verification, notices) or, for the site-specific rollback steps, the settings' command templates.
 */
public final class RunbookHandlers {

    private RunbookHandlers() {
    }

    /**
     * The production handlers for running {@code plan} as run {@code runId} outside the facades (a
     * rehearsal with its own executor): what the facades use, without their up-front checks, lock and
     * reports. Call {@link ActionHandlers#check} (the executor does) before running.
     *
     * @param valuesFile workspace path of the dataos-manager values file, or null when the plan edits none
     * @param installedFile workspace path of the installed platform state, or null
     * @param installed that state, or null (the compatibility check then reads the plan's Helm action)
     */
    public static ActionHandlers forPlan(RunbookSettings settings, Plan plan, String runId, String valuesFile,
            String installedFile, PlatformState installed, Clock clock) {
        return forRun(new RunbookRun(settings, plan, runId, valuesFile, installedFile, installed, true, null, null,
                java.util.List.of()), clock);
    }

    /** Handlers for {@code run}, judging maintenance windows against {@code clock}. */
    static ActionHandlers forRun(RunbookRun run, Clock clock) {
        ActionHandlers.Builder b = ActionHandlers.builder();
        for (ActionKind kind : ActionKind.values()) {
            b.on(kind, handler(kind, run, clock));
        }
        return b.build();
    }

    private static ActionHandler handler(ActionKind kind, RunbookRun run, Clock clock) {
        return switch (kind) {
            case REVIEW_RELEASE_NOTES -> new ReleaseNotesReviewHandler(run);
            case ANNOUNCE -> new AnnounceHandler(run, clock);
            case APPROVE_WINDOW, OWNER_APPROVAL, KEEP_POSTGRES_DATA, CONFIRM_WRONG_WAY -> new ApprovalRecordHandler();
            case PRE_CHECKS -> new PreChecksHandler(run);
            case BACKUP -> new BackupHandler(run);
            case RESTORE_CHECK -> new RestoreCheckHandler(run);
            case UPDATE_MANAGER_TAG -> new ManagerTagHandler(run);
            case HELM_UPGRADE -> new HelmUpgradeHandler(run);
            case VALIDATE, VERIFY_ROLLBACK -> new VerificationHandler(run);
            case CHECK_COMPATIBILITY -> new CompatibilityHandler(run);
            case ASSESS_RISK -> new RiskAssessmentHandler(run);
            case REMOVE_STACK, REINSTALL_STACK, REVERT_CLUSTER_IMAGE, ROLLBACK_COMPONENT, REMOVE_COMPONENT ->
                    new SiteCommandHandler(run);
            case NEW_CLUSTER -> new NewClusterHandler(run);
            case IAC_ROLLBACK -> new IacRollbackHandler(run);
            case RESTORE_POSTGRES -> new PostgresRestoreHandler(run);
            case HELM_ROLLBACK -> new HelmRollbackHandler(run);
        };
    }
}
