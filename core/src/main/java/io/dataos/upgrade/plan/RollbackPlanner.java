package io.dataos.upgrade.plan;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.CloudKernel;
import io.dataos.upgrade.model.ComponentVersion;
import io.dataos.upgrade.model.CoreComponent;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans a rollback from the installed state to a target (a release manifest, or a platform state
 * recorded before an upgrade) exactly as the runbook orders it: pre-rollback preparation
 * (compatibility check across the layers, backup, stakeholder notice, risk assessment), then top
 * down User Space, Core Kernel, Cloud Kernel, then the dataos-manager release and post-rollback
 * verification. See docs/planning.md for how each rule becomes actions.
 */
public final class RollbackPlanner {

    /** The runbook's post-rollback verifications, named on the verify action. */
    static final String VERIFICATIONS = "component-testing,regression-testing,data-integrity,inter-layer-communication";
    /** How long the IaC rollback command may run; infrastructure changes are slow. */
    static final Duration IAC_TIMEOUT = Duration.ofHours(1);

    private final String checksFile;
    private final String undoneUpgradeKit;
    private final String kitAtTarget;

    public RollbackPlanner() {
        this(null, null, null);
    }

    private RollbackPlanner(String checksFile, String undoneUpgradeKit, String kitAtTarget) {
        this.checksFile = checksFile;
        this.undoneUpgradeKit = undoneUpgradeKit;
        this.kitAtTarget = kitAtTarget;
    }

    /**
     * This planner with the workspace path of the checks file the post-rollback verification runs
     * (docs/verification.md); without one the plan says that it must be given before it can run.
     *
     * @throws InvalidInputException when the path is not a plain relative path
     */
    public RollbackPlanner withChecks(String checksFile) {
        return new RollbackPlanner(Checks.requireValid(checksFile), undoneUpgradeKit, kitAtTarget);
    }

    /**
     * This planner for the rollback of upgrade run {@code runId}, whose backup kit (taken just before
     * that upgrade, so the newest data of the target release) is the PostgreSQL restore source; null
     * when the upgrade took no kit with a database dump.
     */
    public RollbackPlanner undoingUpgrade(String runId) {
        return new RollbackPlanner(checksFile, runId, kitAtTarget);
    }

    /**
     * This planner knowing of the backup kit of run {@code runId}, taken while the target release was
     * installed: the PostgreSQL restore source when the manifests name no snapshot (null: none known).
     */
    public RollbackPlanner withKitAtTarget(String runId) {
        return new RollbackPlanner(checksFile, undoneUpgradeKit, runId);
    }

    /**
     * The rollback plan from {@code installed} to {@code target}.
     *
     * @throws InvalidInputException when the target is newer than the installed state, its
     *     compatibility ranges do not hold for the rolled-back platform, or it lacks what a step needs
     *     (an install file, the IaC rollback command, a Postgres snapshot)
     */
    public Plan plan(PlatformState installed, PlatformManifest target) {
        if (target.version().compareTo(installed.version()) > 0) {
            throw new InvalidInputException(target.source(), "version", "is " + target.version() + ", newer than the"
                    + " installed " + installed.version() + " (" + installed.source() + "): a rollback goes back to an"
                    + " earlier release; to move forward plan an upgrade (dataos-upgrade plan upgrade)");
        }
        PlatformDiff diff = new PlatformDiff(installed, target);
        String from = installed.version().toString();
        String to = target.version().toString();
        if (diff.isEmpty(true)) {
            String message = "nothing to roll back: " + installed.source() + " already matches " + target.source()
                    + " (release " + to + ") in every layer and in the dataos-manager release";
            return PlanJson.withContentId(new Plan("pending", PlanType.ROLLBACK, from, to, List.of(),
                    RiskAssessment.none(List.of(message)), message));
        }
        List<String> compatibility = CompatibilityCheck.require(target, target, "after the rollback");
        List<String> operators = Audiences.operators(installed);
        List<String> notes = new ArrayList<>();
        PlanGraph graph = new PlanGraph();

        // Pre-rollback preparation, in the runbook's order.
        graph.stage();
        PlanGraph.Draft check = graph.add(Phase.PREPARE, null, ActionKind.CHECK_COMPATIBILITY, null)
                .describe("Confirm the platform still runs release " + from + " as planned and that release " + to
                        + " is compatible across User Space, Core Kernel and Cloud Kernel"
                        + (compatibility.isEmpty() ? "" : " (" + String.join("; ", compatibility) + ")"))
                .param(ActionParams.RELEASE_VERSION, from)
                .param(ActionParams.EXPECTED, compatibility.isEmpty() ? null : String.join(";", compatibility));
        PlanGraph.Draft backup = graph.add(Phase.PREPARE, null, ActionKind.BACKUP, null).after(check.id)
                .describe("Back up critical data, configuration (dataos-manager values, install files) and stateful"
                        + " components of release " + from + " before anything changes")
                .param(ActionParams.RELEASE_VERSION, from)
                .param(ActionParams.SNAPSHOT, snapshotName("pre-rollback", from, to));
        PlanGraph.Draft announce = graph.add(Phase.PREPARE, null, ActionKind.ANNOUNCE, null).after(backup.id)
                .param(ActionParams.NOTICE, "rollback")
                .param(ActionParams.RELEASE_VERSION, to);
        Audiences.addressTo(announce, installed.stakeholders());
        if (installed.stakeholders().isEmpty()) {
            notes.add(installed.source() + " lists no stakeholders: the rollback notice has no recipients; add"
                    + " stakeholders to the platform state");
        }
        PlanGraph.Draft assess = graph.add(Phase.PREPARE, null, ActionKind.ASSESS_RISK, null).after(announce.id)
                .gate(operators);
        List<PlatformDiff.WrongWay> wrongWay = diff.wrongWay(false);
        PlatformDiff.wrongWayGates(graph, wrongWay, operators, assess.id, false);

        graph.stage();
        userSpace(graph, diff, notes);
        graph.stage();
        coreKernel(graph, diff);
        graph.stage();
        Restore restore = cloudKernel(graph, diff, installed, target, operators, notes);
        graph.stage();
        if (diff.managerChanged) {
            managerRelease(graph, installed, target, notes);
        }
        graph.stage();
        graph.add(Phase.VERIFY, null, ActionKind.VERIFY_ROLLBACK, null)
                .describe("Verify the rolled-back platform: component and regression testing, data integrity, and"
                        + " communication between User Space, Core Kernel and Cloud Kernel")
                .param(ActionParams.RELEASE_VERSION, to)
                .param(ActionParams.LAYERS, affectedLayers(diff, restore))
                .param(ActionParams.VERIFICATIONS, VERIFICATIONS)
                .param(ActionParams.CHECKS, checksFile);
        Checks.noteIfMissing(checksFile, notes, "verify.verify-rollback");

        List<PlanAction> actions = graph.actions();
        RiskAssessment risk = assess(actions, diff, installed, target, restore, notes);
        String wrongWayReason = PlatformDiff.wrongWayReason(wrongWay, false);
        if (wrongWayReason != null) {
            List<String> reasons = new ArrayList<>(risk.reasons());
            reasons.removeIf(r -> r.startsWith("only minor or patch changes"));
            reasons.add(wrongWayReason);
            risk = new RiskAssessment(risk.level() == RiskLevel.LOW ? RiskLevel.MEDIUM : risk.level(), reasons,
                    risk.estimatedDowntime(), risk.affectedComponents(), risk.irreversibleSteps(), risk.manualSteps(),
                    risk.approvals(), risk.mitigations(), risk.notes());
        }
        String downtime = DowntimeEstimate.human(risk.estimatedDowntime());
        announce.describe("Send the rollback notice (release " + from + " back to " + to + ", expected downtime about "
                + downtime + ") to " + audienceSummary(installed))
                .param(ActionParams.DOWNTIME, risk.estimatedDowntime().toString());
        assess.describe("Operators accept the risk assessment (" + risk.level() + ": " + String.join("; ",
                risk.reasons()) + ") and the mitigations before the first change")
                .param(ActionParams.RISK_LEVEL, risk.level().name())
                .param(ActionParams.DOWNTIME, risk.estimatedDowntime().toString());
        actions = graph.actions();
        String message = "rollback " + from + " -> " + to + ": " + actions.size() + " actions, " + actions.stream()
                .filter(PlanAction::requiresApproval).count() + " approval gates, risk " + risk.level()
                + ", estimated downtime " + downtime;
        return PlanJson.withContentId(new Plan("pending", PlanType.ROLLBACK, from, to, actions, risk, message));
    }

    // ---- Step 1: User Space -------------------------------------------------------------------

    private static void userSpace(PlanGraph graph, PlatformDiff diff, List<String> notes) {
        for (PlatformDiff.StackChange change : diff.stacks) {
            Stack now = change.installed();
            Stack then = change.target();
            if (then == null) {
                graph.add(Phase.USER_SPACE, Layer.USER_SPACE, ActionKind.REMOVE_STACK, change.name(),
                    change.key())
                        .change(now.version().toString(), null)
                        .describe("Remove stack " + now.name() + " " + now.version() + ", introduced after release "
                                + diff.target.version() + ", and the resources that depend on it")
                        .param(ActionParams.INSTALL_FILE, now.installFile());
                continue;
            }
            if (then.installFile() == null) {
                throw new InvalidInputException(diff.target.source(), "userSpace.stacks[" + indexOf(diff.target, then)
                        + "].installFile", "is missing: stack " + then.name() + " must be reinstalled at " + then
                        .version() + " through its environment install file; give the workspace-relative path");
            }
            graph.add(Phase.USER_SPACE, Layer.USER_SPACE, ActionKind.REINSTALL_STACK, change.name(),
                    change.key())
                    .change(now == null ? null : now.version().toString(), then.version().toString())
                    .describe(now == null
                            ? "Reinstall stack " + then.name() + " " + then.version() + " (removed since release "
                                    + diff.target.version() + ") through " + then.installFile()
                            : "Reinstall stack " + then.name() + " at its previous stable version " + then.version()
                                    + " (now " + now.version() + ") through the install file " + then.installFile())
                    .param(ActionParams.INSTALL_FILE, then.installFile())
                    .param(ActionParams.CHANGE, now == null ? CoreKernelRules.ChangeType.ADDED.name()
                            : now.version().changeTo(then.version()).type().name())
                    .param(ActionParams.DIRECTION, now == null ? null
                            : now.version().changeTo(then.version()).direction().name());
        }
        for (PlatformDiff.ClusterChange change : diff.clusters) {
            graph.add(Phase.USER_SPACE, Layer.USER_SPACE, ActionKind.REVERT_CLUSTER_IMAGE, change.name())
                    .change(change.installed().image().toString(), change.target().image().toString())
                    .describe("Revert cluster " + change.name() + " to its last known stable image " + change.target()
                            .image())
                    .param(ActionParams.IMAGE, change.target().image().toString())
                    .param(ActionParams.FROM_IMAGE, change.installed().image().toString());
        }
        for (String name : diff.clustersOnlyInstalled) {
            notes.add("cluster " + name + " is not part of release " + diff.target.version() + ": the rollback leaves it"
                    + " as it is");
        }
        for (String name : diff.clustersOnlyTarget) {
            notes.add("cluster " + name + " of release " + diff.target.version() + " is not installed: the rollback"
                    + " does not create it");
        }
    }

    private static int indexOf(PlatformManifest manifest, Stack stack) {
        return manifest.userSpace().stacks().indexOf(stack);
    }

    // ---- Step 2: Core Kernel ------------------------------------------------------------------

    private static void coreKernel(PlanGraph graph, PlatformDiff diff) {
        CoreKernelRules.Analysis analysis = diff.core;
        // Owner approvals first, so that an interdependent group starts only once every owner agreed
        // and is never left half rolled back waiting for a person. A group's gates are asked one
        // after the other (sorted by component) and its first actions wait for the last one, which
        // keeps the edges linear however large the group.
        Map<String, String> lastGateOfGroup = new HashMap<>();
        List<CoreKernelRules.Change> byName = new ArrayList<>(analysis.order());
        byName.sort((a, b) -> a.name().compareTo(b.name()));
        for (CoreKernelRules.Change change : byName) {
            if (!change.needsOwnerApproval()) {
                continue;
            }
            String group = analysis.groupOf().getOrDefault(change.name(), change.name());
            PlanGraph.Draft gate = graph.add(Phase.CORE_KERNEL, Layer.CORE_KERNEL, ActionKind.OWNER_APPROVAL,
                    change.name())
                    .change(version(change.installed()), version(change.target()))
                    .gate(change.owners())
                    .describe("Consult " + String.join(" and ", change.owners()) + ", owner of " + change.name()
                            + ", on the compatibility of " + what(change) + " before it is rolled back"
                            + (analysis.groups().containsKey(group) ? " (group " + group + ": " + members(
                                    analysis.groups().get(group), null) + ")" : ""))
                    .param(ActionParams.CHANGE, change.type().name())
                    .param(ActionParams.OWNER, String.join(",", change.owners()))
                    .param(ActionParams.GROUP, analysis.groups().containsKey(group) ? group : null);
            String previous = lastGateOfGroup.put(group, gate.id);
            if (previous != null) {
                gate.after(previous);
            }
        }
        Map<String, CoreKernelRules.Change> changes = new HashMap<>();
        analysis.order().forEach(c -> changes.put(c.name(), c));
        for (CoreKernelRules.Change change : analysis.order()) {
            String group = analysis.groupOf().get(change.name());
            boolean removed = change.type() == CoreKernelRules.ChangeType.REMOVED;
            PlanGraph.Draft action = graph.add(Phase.CORE_KERNEL, Layer.CORE_KERNEL,
                    removed ? ActionKind.REMOVE_COMPONENT : ActionKind.ROLLBACK_COMPONENT, change.name())
                    .change(version(change.installed()), version(change.target()))
                    .param(ActionParams.CHANGE, change.type().name())
                    .param(ActionParams.DIRECTION, change.versionChange() == null ? null
                            : change.versionChange().direction().name())
                    .param(ActionParams.OWNER, String.join(",", change.owners()))
                    .param(ActionParams.GROUP, group)
                    .param(ActionParams.GROUP_SIZE, group == null ? null
                            : Integer.toString(analysis.groups().get(group).size()))
                    .param(ActionParams.IMAGE, image(change.target()))
                    .param(ActionParams.FROM_IMAGE, image(change.installed()))
                    .param(ActionParams.NAMESPACE, namespace(change));
            List<String> waitsFor = analysis.waitsFor().getOrDefault(change.name(), List.of());
            for (String dependent : waitsFor) {
                CoreKernelRules.Change other = changes.get(dependent);
                action.after(PlanGraph.idOf(Phase.CORE_KERNEL, other.type() == CoreKernelRules.ChangeType.REMOVED
                        ? ActionKind.REMOVE_COMPONENT : ActionKind.ROLLBACK_COMPONENT, dependent));
            }
            String gate = lastGateOfGroup.get(group == null ? change.name() : group);
            if (waitsFor.isEmpty() && gate != null) {
                action.after(gate);
            }
            action.describe(describe(change, group == null ? null : analysis.groups().get(group), waitsFor));
        }
    }

    /** The component's own namespace (the target's, else the installed one's); null means dataos-manager's. */
    private static String namespace(CoreKernelRules.Change change) {
        if (change.target() != null && change.target().namespace() != null) {
            return change.target().namespace();
        }
        return change.installed() == null ? null : change.installed().namespace();
    }

    private static String describe(CoreKernelRules.Change change, List<String> group, List<String> waitsFor) {
        String text = switch (change.type()) {
            case REMOVED -> "Remove " + change.name() + " " + change.installed().version() + ", which the target release"
                    + " does not have";
            case ADDED -> "Reinstall " + change.name() + " " + change.target().version() + ", which the installed"
                    + " release removed";
            case IMAGE -> "Roll " + change.name() + " " + change.target().version() + " back to image "
                    + change.target().image();
            default -> "Roll " + change.name() + " back " + change.versionChange();
        };
        if (group == null) {
            return text + (change.type() == CoreKernelRules.ChangeType.MINOR || change.type() == CoreKernelRules
                    .ChangeType.PATCH ? ", on its own" : "");
        }
        return text + ", together with " + members(group, change.name()) + (waitsFor.isEmpty() ? ""
                : ", after " + members(waitsFor, null));
    }

    /** The names of a group (without {@code except}), or their number when there are many. */
    private static String members(List<String> names, String except) {
        int count = names.size() - (except == null ? 0 : 1);
        if (count > 6) {
            return count + " components";
        }
        return String.join(", ", except == null ? names : names.stream().filter(n -> !n.equals(except)).toList());
    }

    private static String what(CoreKernelRules.Change change) {
        return switch (change.type()) {
            case MAJOR -> "the major change " + change.installed().version() + " -> " + change.target().version();
            case REMOVED -> "removing it (" + change.installed().version() + "; the target release does not have it)";
            case ADDED -> "reinstalling it at " + change.target().version() + " (the installed release removed it)";
            default -> change.type().name().toLowerCase(java.util.Locale.ROOT) + " change";
        };
    }

    private static String version(CoreComponent component) {
        return component == null ? null : component.version().toString();
    }

    private static String image(CoreComponent component) {
        return component == null || component.image() == null ? null : component.image().toString();
    }

    // ---- Step 3: Cloud Kernel -----------------------------------------------------------------

    /**
     * The Postgres restore the plan makes (its {@code source} as people read it), or the gate saying
     * there is none ({@code missing} says why); null when the target has no database.
     */
    private record Restore(String source, String actionId, String missing) {}

    private Restore cloudKernel(PlanGraph graph, PlatformDiff diff, PlatformState installed,
            PlatformManifest target, List<String> operators, List<String> notes) {
        CloudKernel now = installed.cloudKernel();
        CloudKernel then = target.cloudKernel();
        List<String> infrastructure = new ArrayList<>();
        if (diff.iacChanged) {
            List<String> argv = then.iac().rollbackCommand();
            if (argv.isEmpty()) {
                throw new InvalidInputException(target.source(), "cloudKernel.iac.rollbackCommand", "is missing: the"
                        + " infrastructure goes back from " + now.iac().version() + " to " + then.iac().version()
                        + ", which needs the command that applies " + then.iac().version() + "; add it as an argv list,"
                        + " e.g. [terraform, -chdir=infra, apply, -auto-approve]");
            }
            infrastructure.add(graph.add(Phase.CLOUD_KERNEL, Layer.CLOUD_KERNEL, ActionKind.IAC_ROLLBACK, "iac")
                    .change(now.iac().version().toString(), then.iac().version().toString())
                    .describe("Roll the infrastructure back to IaC revision " + then.iac().version() + " with "
                            + String.join(" ", argv))
                    .param(ActionParams.COMMAND, ActionParams.argvJson(argv))
                    .param(ActionParams.TIMEOUT, IAC_TIMEOUT.toString())
                    .param(ActionParams.RELEASE_VERSION, target.version().toString()).id);
        } else if ((now.iac() == null) != (then.iac() == null)) {
            notes.add("only " + (now.iac() == null ? target.source() : installed.source()) + " describes the"
                    + " infrastructure-as-code revision: no IaC rollback is planned");
        }
        ComponentVersion k8sNow = now.kubernetes().version();
        ComponentVersion k8sThen = then.kubernetes().version();
        if (k8sThen.compareTo(k8sNow) < 0) {
            infrastructure.add(graph.add(Phase.CLOUD_KERNEL, Layer.CLOUD_KERNEL, ActionKind.NEW_CLUSTER, "kubernetes")
                    .change(k8sNow.toString(), k8sThen.toString())
                    .gate(operators)
                    .describe("Kubernetes cannot be downgraded in place (" + k8sNow + " -> " + k8sThen + "): create a"
                            + " new cluster at version " + k8sThen + " with the cloud provider's tools, move DataOS to"
                            + " it, then approve")
                    .param(ActionParams.KUBERNETES_VERSION, k8sThen.toString()).id);
        } else if (k8sThen.compareTo(k8sNow) > 0) {
            notes.add("release " + target.version() + " names Kubernetes " + k8sThen + ", newer than the installed "
                    + k8sNow + ": a rollback does not upgrade Kubernetes; do it through the provider if needed");
        }
        return postgres(graph, installed, target, operators, infrastructure, notes);
    }

    /**
     * Cloud Kernel step 3, "restore data from a snapshot matching the target version", whenever the
     * target has a database: from the backup kit of the upgrade being undone, else the platform
     * snapshot the target names (restored through the settings' template), else a kit taken while
     * the target version was installed. With none of them a gate says that the data stays as the
     * release being rolled back left it.
     */
    private Restore postgres(PlanGraph graph, PlatformState installed, PlatformManifest target,
            List<String> operators, List<String> infrastructure, List<String> notes) {
        CloudKernel.Postgres now = installed.cloudKernel().postgres();
        CloudKernel.Postgres then = target.cloudKernel().postgres();
        if (then == null) {
            return null;
        }
        String snapshot = then.snapshot();
        String kit = undoneUpgradeKit != null ? undoneUpgradeKit : snapshot == null ? kitAtTarget : null;
        String version = target.version().toString();
        String from = now == null ? null : now.version().toString();
        if (kit == null && snapshot == null) {
            PlanGraph.Draft gate = graph.add(Phase.CLOUD_KERNEL, Layer.CLOUD_KERNEL, ActionKind.KEEP_POSTGRES_DATA,
                    "postgres")
                    .change(from, then.version().toString())
                    .gate(operators)
                    .describe("PostgreSQL cannot be restored: " + target.source() + " names no snapshot"
                            + " (cloudKernel.postgres.snapshot) and no backup kit taken while release " + version
                            + " was installed is known; the data stays as release " + installed.version() + " left it."
                            + " Approve to continue with that data, or stop and restore it by hand")
                    .param(ActionParams.RELEASE_VERSION, version)
                    .param(ActionParams.POSTGRES_VERSION, then.version().toString());
            infrastructure.forEach(gate::after);
            return new Restore(null, gate.id, "no snapshot or backup kit of release " + version);
        }
        if (kit != null && snapshot != null) {
            notes.add("the PostgreSQL restore uses the backup kit of run " + kit + ", taken just before the upgrade"
                    + " being rolled back, not snapshot " + snapshot + " named in " + target.source());
        }
        PlanGraph.Draft draft = graph.add(Phase.CLOUD_KERNEL, Layer.CLOUD_KERNEL, ActionKind.RESTORE_POSTGRES,
                "postgres")
                .change(from, then.version().toString())
                .gate(operators)
                .param(ActionParams.RESTORE_SOURCE, kit != null ? ActionParams.SOURCE_KIT : ActionParams.SOURCE_SNAPSHOT)
                .param(ActionParams.KIT_RUN, kit)
                .param(ActionParams.SNAPSHOT, kit != null ? null : snapshot)
                .param(ActionParams.RELEASE_VERSION, version)
                .param(ActionParams.POSTGRES_VERSION, then.version().toString());
        String source = kit != null ? "the backup kit of run " + kit : "platform snapshot " + snapshot;
        draft.describe("Restore PostgreSQL " + then.version() + " from " + source + ", taken at release " + version
                + (kit != null ? "" : " (through commands.restorePostgresSnapshot of the settings)")
                + " (data written after it is lost)");
        // The restore writes into what the IaC rollback and the new cluster put back.
        infrastructure.forEach(draft::after);
        return new Restore(source, draft.id, null);
    }

    // ---- the dataos-manager release ------------------------------------------------------------

    private static void managerRelease(PlanGraph graph, PlatformState installed, PlatformManifest target,
            List<String> notes) {
        var now = installed.manager();
        var then = target.manager();
        graph.add(Phase.MANAGER, null, ActionKind.HELM_ROLLBACK, "dataos-manager")
                .change(now.imageTag(), then.imageTag())
                .describe("Roll the " + now.releaseName() + " Helm release in namespace " + now.namespace() + " back to"
                        + " chart " + then.chart() + " " + then.chartVersion() + " with image tag " + then.imageTag())
                .param(ActionParams.CHART, then.chart())
                .param(ActionParams.CHART_VERSION, then.chartVersion().toString())
                .param(ActionParams.FROM_CHART_VERSION, now.chartVersion().toString())
                .param(ActionParams.IMAGE_TAG, then.imageTag())
                .param(ActionParams.RELEASE_NAME, now.releaseName())
                .param(ActionParams.NAMESPACE, now.namespace());
        if (!now.releaseName().equals(then.releaseName()) || !now.namespace().equals(then.namespace())) {
            notes.add("the dataos-manager release is " + now.releaseName() + " in " + now.namespace() + " but "
                    + target.source() + " names " + then.releaseName() + " in " + then.namespace()
                    + ": the rollback changes the installed release where it is");
        }
    }

    // ---- risk -----------------------------------------------------------------------------------

    private static RiskAssessment assess(List<PlanAction> actions, PlatformDiff diff, PlatformState installed,
            PlatformManifest target, Restore restore, List<String> notes) {
        Duration downtime = DowntimeEstimate.criticalPath(actions);
        TreeMap<RiskLevel, List<String>> reasons = new TreeMap<>();
        List<String> irreversible = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        List<RequiredApproval> approvals = new ArrayList<>();
        List<String> ownerChanges = new ArrayList<>();
        List<String> removedStacks = new ArrayList<>();
        for (PlanAction action : actions) {
            switch (action.kind()) {
                case NEW_CLUSTER -> {
                    reasons.computeIfAbsent(RiskLevel.HIGH, k -> new ArrayList<>()).add("Kubernetes cannot be"
                            + " downgraded in place (" + action.from() + " -> " + action.to() + "): a new cluster is"
                            + " built by hand");
                    irreversible.add(action.id());
                    manual.add(action.id());
                }
                case RESTORE_POSTGRES -> {
                    reasons.computeIfAbsent(RiskLevel.HIGH, k -> new ArrayList<>()).add("PostgreSQL is restored from "
                            + restore.source() + ": data written after it is lost");
                    irreversible.add(action.id());
                }
                case KEEP_POSTGRES_DATA -> {
                    reasons.computeIfAbsent(RiskLevel.HIGH, k -> new ArrayList<>()).add("PostgreSQL cannot be"
                            + " restored (" + restore.missing() + "): the data stays as release " + installed.version()
                            + " left it");
                    manual.add(action.id());
                }
                case OWNER_APPROVAL -> {
                    ownerChanges.add(action.component());
                    manual.add(action.id());
                }
                case IAC_ROLLBACK -> reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("the"
                        + " infrastructure is rolled back (IaC " + action.from() + " -> " + action.to() + ")");
                case REMOVE_STACK -> removedStacks.add(action.component());
                default -> { }
            }
            if (action.requiresApproval()) {
                approvals.add(new RequiredApproval(action.id(), action.kind(), action.approvers(), reasonFor(action)));
            }
        }
        if (!ownerChanges.isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add(ownerChanges.size() + " Core Kernel"
                    + " change(s) need their owners' approval (" + String.join(", ", ownerChanges) + ")");
        }
        if (!removedStacks.isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("stacks are removed and workloads"
                    + " using them stop (" + String.join(", ", removedStacks) + ")");
        }
        if (downtime.compareTo(Duration.ofHours(2)) >= 0) {
            reasons.computeIfAbsent(RiskLevel.HIGH, k -> new ArrayList<>()).add("estimated downtime "
                    + DowntimeEstimate.human(downtime) + " is 2h or more");
        } else if (downtime.compareTo(Duration.ofMinutes(30)) >= 0) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("estimated downtime "
                    + DowntimeEstimate.human(downtime) + " is 30m or more");
        }
        RiskLevel level = reasons.isEmpty() ? RiskLevel.LOW : reasons.lastKey();
        List<String> reasonLines = new ArrayList<>();
        for (RiskLevel l : List.of(RiskLevel.HIGH, RiskLevel.MEDIUM)) {
            reasonLines.addAll(reasons.getOrDefault(l, List.of()));
        }
        if (reasonLines.isEmpty()) {
            reasonLines.add("only minor or patch changes, no data restore, no infrastructure change");
        }
        List<String> mitigations = new ArrayList<>();
        mitigations.add("prepare.backup saves data and configuration of release " + installed.version()
                + " before the first change");
        mitigations.add("layers are rolled back top-down, each waiting for the one above (User Space, Core Kernel,"
                + " Cloud Kernel)");
        if (!diff.core.groups().isEmpty()) {
            mitigations.add("interdependent Core Kernel components roll back as a group, dependents first, once every"
                    + " owner in the group approved");
        }
        if (restore != null && restore.source() != null) {
            mitigations.add("the PostgreSQL restore uses " + restore.source() + " taken at release "
                    + target.version() + ", after the infrastructure is back");
        }
        mitigations.add("verify.verify-rollback checks every layer and their communication before the rollback is"
                + " reported done");
        Map<Layer, List<String>> affected = affected(diff, restore);
        return new RiskAssessment(level, reasonLines, downtime, affected, irreversible, manual, approvals, mitigations,
                notes);
    }

    private static String reasonFor(PlanAction action) {
        return switch (action.kind()) {
            case CONFIRM_WRONG_WAY -> "wrong-way change confirmed: " + action.description();
            case OWNER_APPROVAL -> "owner consulted on " + action.component() + " " + (action.from() == null
                    ? "reinstall at " + action.to() : action.to() == null ? "removal of " + action.from()
                    : action.from() + " -> " + action.to());
            case NEW_CLUSTER -> "new Kubernetes cluster at " + action.to() + " built by hand";
            case RESTORE_POSTGRES -> "PostgreSQL data replaced by " + ActionParams.restoreSource(action);
            case KEEP_POSTGRES_DATA -> "PostgreSQL not restored: the data stays as the release being rolled back left"
                    + " it";
            case ASSESS_RISK -> "go/no-go on the risk assessment";
            default -> action.description();
        };
    }

    private static String affectedLayers(PlatformDiff diff, Restore restore) {
        return affected(diff, restore).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                .map(e -> e.getKey().name()).collect(Collectors.joining(","));
    }

    /** The names that change in each layer, PostgreSQL among them whenever it is restored. */
    private static Map<Layer, List<String>> affected(PlatformDiff diff, Restore restore) {
        Map<Layer, List<String>> affected = new LinkedHashMap<>(diff.affected(true));
        if (restore != null && restore.source() != null && !affected.get(Layer.CLOUD_KERNEL).contains("postgres")) {
            List<String> cloud = new ArrayList<>(affected.get(Layer.CLOUD_KERNEL));
            cloud.add("postgres");
            affected.put(Layer.CLOUD_KERNEL, cloud);
        }
        return affected;
    }

    private static String audienceSummary(PlatformState installed) {
        List<String> everyone = installed.stakeholders().everyone();
        return everyone.isEmpty() ? "the stakeholders (none configured)" : String.join(", ", everyone);
    }

    /** A snapshot name for a backup taken by this plan, e.g. {@code dataos-pre-rollback-1.5.0-to-1.4.0}. */
    static String snapshotName(String purpose, String from, String to) {
        return ("dataos-" + purpose + "-" + from + "-to-" + to).replaceAll("[^A-Za-z0-9._:-]", "_");
    }
}
