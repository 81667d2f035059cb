package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import java.util.List;
import java.util.Map;

/**
 * The plans a rehearsal runs for the dataos-manager release: the runbook's upgrade (release notes,
 * announcement, window approval, pre-checks, backup, tag update, helm upgrade, validation) and its
 * rollback of the manager (compatibility, risk with approval, backup, rollback, verification).
 *
 * <p>Interim: these are written by hand for the manager release only. Once the release model and
 * the planners are on main, the rehearsal should plan with {@code UpgradePlanner} and
 * {@code RollbackPlanner} from the example release manifests instead, and keep these handlers.
 */
public final class RehearsalPlans {

    /** Parameter: the release name. */
    public static final String RELEASE = "release";
    /** Parameter: the release namespace. */
    public static final String NAMESPACE = "namespace";
    /** Parameter: the values file, relative to the workspace. */
    public static final String VALUES_FILE = "valuesFile";
    /** Parameter: the revision a rollback returns to. */
    public static final String TO_REVISION = "toRevision";

    private RehearsalPlans() {}

    /** The upgrade of the manager release from {@code fromTag} to {@code toTag}. */
    public static List<PlanAction> upgrade(String release, String namespace, String valuesFile, String fromTag, String toTag) {
        Map<String, String> params = Map.of(RELEASE, release, NAMESPACE, namespace, VALUES_FILE, valuesFile);
        return List.of(
                action("review-release-notes", Phase.PREPARE, ActionKind.REVIEW_RELEASE_NOTES, null, toTag, List.of(),
                        false, "Review the release notes of dataos-manager " + toTag, params),
                action("announce", Phase.PREPARE, ActionKind.ANNOUNCE, null, toTag, List.of("review-release-notes"),
                        false, "Announce the upgrade date and expected downtime to the stakeholders", params),
                action("approve-window", Phase.PREPARE, ActionKind.APPROVE_WINDOW, null, null, List.of("announce"),
                        true, "Approve the low-traffic maintenance window", params),
                action("pre-checks", Phase.PREPARE, ActionKind.PRE_CHECKS, fromTag, toTag, List.of("approve-window"),
                        false, "Pre-installation checks: namespace, release state, chart lint", params),
                action("backup", Phase.PREPARE, ActionKind.BACKUP, fromTag, null, List.of("pre-checks"),
                        false, "Back up the release: history, values (secrets as references), stored objects", params),
                action("update-manager-tag", Phase.MANAGER, ActionKind.UPDATE_MANAGER_TAG, fromTag, toTag,
                        List.of("backup"), false, "Set image.tag in the dataos-manager values file", params),
                action("helm-upgrade", Phase.MANAGER, ActionKind.HELM_UPGRADE, fromTag, toTag,
                        List.of("update-manager-tag"), false, "helm upgrade --install dataos-manager", params),
                action("validate", Phase.VERIFY, ActionKind.VALIDATE, null, toTag, List.of("helm-upgrade"),
                        false, "Post-upgrade validation: rollout, health endpoint, running image", params));
    }

    /** The rollback of the manager release to {@code toRevision} (running {@code toTag}). */
    public static List<PlanAction> rollback(String release, String namespace, String valuesFile, String fromTag,
            String toTag, int toRevision) {
        Map<String, String> params = Map.of(RELEASE, release, NAMESPACE, namespace, VALUES_FILE, valuesFile,
                TO_REVISION, Integer.toString(toRevision));
        return List.of(
                action("check-compatibility", Phase.PREPARE, ActionKind.CHECK_COMPATIBILITY, fromTag, toTag, List.of(),
                        false, "Identify the rollback target: revision " + toRevision + " (" + toTag + ")", params),
                action("assess-risk", Phase.PREPARE, ActionKind.ASSESS_RISK, fromTag, toTag,
                        List.of("check-compatibility"), true, "Risk assessment; approve the rollback", params),
                action("backup", Phase.PREPARE, ActionKind.BACKUP, fromTag, null, List.of("assess-risk"),
                        false, "Back up the failed release before changing it", params),
                action("helm-rollback", Phase.MANAGER, ActionKind.HELM_ROLLBACK, fromTag, toTag, List.of("backup"),
                        false, "Roll dataos-manager back to revision " + toRevision, params),
                action("verify-rollback", Phase.VERIFY, ActionKind.VERIFY_ROLLBACK, null, toTag,
                        List.of("helm-rollback"), false, "Post-rollback verification: rollout, health, image", params));
    }

    private static PlanAction action(String id, Phase phase, ActionKind kind, String from, String to,
            List<String> dependsOn, boolean gate, String description, Map<String, String> params) {
        return new PlanAction(id, phase, null, "dataos-manager", kind, from, to, dependsOn, gate,
                gate ? List.of("platform-admin") : List.of(), description, params);
    }
}
