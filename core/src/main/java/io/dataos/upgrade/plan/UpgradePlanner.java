package io.dataos.upgrade.plan;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.CloudKernel;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans an upgrade from the installed state to a release in the runbook's five phases: release
 * notes and announcement, downtime window and its approval, the dataos-manager tag update, the Helm
 * execution behind pre-checks, a backup and a restore check, and post-upgrade validation. It refuses a
 * release whose compatibility ranges the installed platform does not meet.
 */
public final class UpgradePlanner {

    private final Clock clock;
    private final String checksFile;

    public UpgradePlanner() {
        this(Clock.systemUTC());
    }

    /** A planner that judges maintenance windows against {@code clock}. */
    public UpgradePlanner(Clock clock) {
        this(clock, null);
    }

    private UpgradePlanner(Clock clock, String checksFile) {
        this.clock = clock;
        this.checksFile = checksFile;
    }

    /**
     * This planner with the workspace path of the checks file the post-upgrade validation runs
     * (docs/verification.md); without one the plan says that it must be given before it can run.
     *
     * @throws InvalidInputException when the path is not a plain relative path
     */
    public UpgradePlanner withChecks(String checksFile) {
        return new UpgradePlanner(clock, Checks.requireValid(checksFile));
    }

    /** The upgrade plan, in the installed state's maintenance window if it names one. */
    public Plan plan(PlatformState installed, Release target) {
        return plan(installed, target, null);
    }

    /**
     * The upgrade plan from {@code installed} to {@code target} in {@code window} (null: the
     * installed state's window, if any).
     *
     * @throws InvalidInputException when the release is older than the installed state, a
     *     compatibility range does not hold, or the window lies entirely in the past
     */
    public Plan plan(PlatformState installed, Release target, MaintenanceWindow window) {
        if (target.version().compareTo(installed.version()) < 0) {
            throw new InvalidInputException(target.source(), "version", "is " + target.version() + ", older than the"
                    + " installed " + installed.version() + " (" + installed.source() + "): an upgrade cannot go back;"
                    + " plan a rollback instead (dataos-upgrade plan rollback)");
        }
        PlatformDiff diff = new PlatformDiff(installed, target);
        String from = installed.version().toString();
        String to = target.version().toString();
        if (diff.isEmpty(false)) {
            String message = "nothing to upgrade: " + installed.source() + " already runs release " + to + " as "
                    + target.source() + " describes it, in every layer and in the dataos-manager release";
            return PlanJson.withContentId(new Plan("pending", PlanType.UPGRADE, from, to, List.of(),
                    RiskAssessment.none(List.of(message)), message));
        }
        MaintenanceWindow agreed = window;
        if (agreed != null) {
            agreed.requireNotPast(clock.instant(), "maintenance window", "window");
        } else if (installed.maintenanceWindow() != null) {
            agreed = installed.maintenanceWindow().requireNotPast(clock.instant(), installed.source(),
                    "maintenanceWindow");
        }
        List<String> compatibility = CompatibilityCheck.require(target, installed, "installed");
        List<String> operators = Audiences.operators(installed);
        List<String> notes = new ArrayList<>();
        Duration downtime = target.downtime() != null ? target.downtime()
                : DowntimeEstimate.nominal(ActionKind.HELM_UPGRADE).plus(DowntimeEstimate.nominal(ActionKind.VALIDATE));
        if (target.downtime() == null) {
            notes.add(target.source() + " gives no downtime: " + DowntimeEstimate.human(downtime) + " is the tool's"
                    + " nominal estimate; add downtime to the release manifest");
        }
        String windowSpec = agreed == null ? null : agreed.spec();
        if (agreed == null) {
            notes.add("no maintenance window is set: the approve-window gate asks for one; set maintenanceWindow in "
                    + installed.source() + " or pass --window");
        }
        String snapshot = RollbackPlanner.snapshotName("pre-upgrade", from, to);
        var managerNow = installed.manager();
        var managerThen = target.manager();

        PlanGraph graph = new PlanGraph();
        graph.stage();
        // 1. Release notes
        PlanGraph.Draft review = graph.add(Phase.PREPARE, null, ActionKind.REVIEW_RELEASE_NOTES, null)
                .describe("Review the release notes of " + to + (target.notes().url() == null ? ""
                        : " (" + target.notes().url() + ")") + ": new features, fixes and potential impacts")
                .param(ActionParams.RELEASE_VERSION, to)
                .param(ActionParams.NOTES_URL, target.notes().url())
                .param(ActionParams.NOTES_HIGHLIGHTS, joinLines(target.notes().highlights()))
                .param(ActionParams.NOTES_BREAKING, joinLines(target.notes().breaking()));
        PlanGraph.Draft announce = graph.add(Phase.PREPARE, null, ActionKind.ANNOUNCE, null).after(review.id)
                .describe("Announce the upgrade to " + to + (windowSpec == null ? "" : " in the window " + windowSpec)
                        + " with an expected downtime of " + DowntimeEstimate.human(downtime) + " to "
                        + (installed.stakeholders().isEmpty() ? "the stakeholders (none configured)"
                                : String.join(", ", installed.stakeholders().everyone())))
                .param(ActionParams.NOTICE, "upgrade")
                .param(ActionParams.RELEASE_VERSION, to)
                .param(ActionParams.WINDOW, windowSpec)
                .param(ActionParams.DOWNTIME, downtime.toString());
        Audiences.addressTo(announce, installed.stakeholders());
        // 2. Downtime planning
        PlanGraph.Draft approve = graph.add(Phase.PREPARE, null, ActionKind.APPROVE_WINDOW, null).after(announce.id)
                .gate(operators)
                .describe(windowSpec == null
                        ? "Agree a low-traffic window for the upgrade and approve the schedule"
                        : "Approve the schedule: upgrade in the low-traffic window " + windowSpec)
                .param(ActionParams.WINDOW, windowSpec)
                .param(ActionParams.DOWNTIME, downtime.toString());
        // Wrong-way changes (a component this upgrade downgrades) are confirmed before anything changes.
        List<PlatformDiff.WrongWay> wrongWay = diff.wrongWay(true);
        String confirmed = PlatformDiff.wrongWayGates(graph, wrongWay, operators, approve.id, true);
        // 4. (first half) pre-installation checks, with a backup that is proven to restore
        PlanGraph.Draft preChecks = graph.add(Phase.PREPARE, null, ActionKind.PRE_CHECKS, null).after(confirmed)
                .describe("Pre-installation checks: " + managerNow.releaseName() + " runs chart " + managerNow
                        .chartVersion() + " with tag " + managerNow.imageTag() + " in " + managerNow.namespace()
                        + ", and the release's dependencies are met"
                        + (compatibility.isEmpty() ? "" : " (" + String.join("; ", compatibility) + ")"))
                .param(ActionParams.RELEASE_NAME, managerNow.releaseName())
                .param(ActionParams.NAMESPACE, managerNow.namespace())
                .param(ActionParams.IMAGE_TAG, managerNow.imageTag())
                .param(ActionParams.CHART_VERSION, managerNow.chartVersion().toString())
                .param(ActionParams.EXPECTED, compatibility.isEmpty() ? null : String.join(";", compatibility));
        PlanGraph.Draft backup = graph.add(Phase.PREPARE, null, ActionKind.BACKUP, null).after(preChecks.id)
                .describe("Back up PostgreSQL, the dataos-manager values and the install files of release " + from
                        + " as snapshot " + snapshot)
                .param(ActionParams.RELEASE_VERSION, from)
                .param(ActionParams.SNAPSHOT, snapshot);
        graph.add(Phase.PREPARE, null, ActionKind.RESTORE_CHECK, null).after(backup.id)
                .describe("Prove that snapshot " + snapshot + " restores before anything changes")
                .param(ActionParams.SNAPSHOT, snapshot);
        // 3. DataOS Manager tag update, 4. Execution
        graph.stage();
        PlanGraph.Draft tag = graph.add(Phase.MANAGER, null, ActionKind.UPDATE_MANAGER_TAG, "dataos-manager")
                .change(managerNow.imageTag(), managerThen.imageTag())
                .describe("Set image.tag in the dataos-manager values file to " + managerThen.imageTag() + " (now "
                        + managerNow.imageTag() + ")")
                .param(ActionParams.VALUES_KEY, "image.tag")
                .param(ActionParams.IMAGE_TAG, managerThen.imageTag());
        graph.add(Phase.MANAGER, null, ActionKind.HELM_UPGRADE, "dataos-manager").after(tag.id)
                .change(managerNow.chartVersion().toString(), managerThen.chartVersion().toString())
                .describe("Apply the upgrade with Helm: release " + managerNow.releaseName() + " in namespace "
                        + managerNow.namespace() + ", chart " + managerThen.chart() + " " + managerThen.chartVersion()
                        + ", with the updated values file")
                .param(ActionParams.CHART, managerThen.chart())
                .param(ActionParams.CHART_VERSION, managerThen.chartVersion().toString())
                .param(ActionParams.FROM_CHART_VERSION, managerNow.chartVersion().toString())
                .param(ActionParams.IMAGE_TAG, managerThen.imageTag())
                .param(ActionParams.RELEASE_NAME, managerNow.releaseName())
                .param(ActionParams.NAMESPACE, managerNow.namespace());
        // 5. Post-upgrade validation
        graph.stage();
        graph.add(Phase.VERIFY, null, ActionKind.VALIDATE, null)
                .describe("Validate release " + to + ": component health in every layer, and performance in Grafana")
                .param(ActionParams.RELEASE_VERSION, to)
                .param(ActionParams.LAYERS, diff.affected(false).entrySet().stream().filter(e -> !e.getValue().isEmpty())
                        .map(e -> e.getKey().name()).collect(Collectors.joining(",")))
                .param(ActionParams.CHECKS, checksFile);
        Checks.noteIfMissing(checksFile, notes, "verify.validate");

        List<PlanAction> actions = graph.actions();
        RiskAssessment risk = assess(actions, diff, installed, target, downtime, snapshot, notes);
        String wrongWayReason = PlatformDiff.wrongWayReason(wrongWay, true);
        if (wrongWayReason != null) {
            List<String> reasons = new ArrayList<>(risk.reasons());
            reasons.removeIf(r -> r.startsWith("only ") || r.startsWith("no "));
            reasons.add(wrongWayReason);
            List<RequiredApproval> approvals = new ArrayList<>(risk.approvals());
            for (PlanAction a : actions) {
                if (a.kind() == ActionKind.CONFIRM_WRONG_WAY && approvals.stream().noneMatch(r -> r.actionId()
                        .equals(a.id()))) {
                    approvals.add(new RequiredApproval(a.id(), a.kind(), a.approvers(), "wrong-way change confirmed: "
                            + a.description()));
                }
            }
            risk = new RiskAssessment(risk.level() == RiskLevel.LOW ? RiskLevel.MEDIUM : risk.level(), reasons,
                    risk.estimatedDowntime(), risk.affectedComponents(), risk.irreversibleSteps(), risk.manualSteps(),
                    approvals, risk.mitigations(), risk.notes());
        }
        String message = "upgrade " + from + " -> " + to + ": " + actions.size() + " actions, "
                + actions.stream().filter(PlanAction::requiresApproval).count() + " approval gate(s), risk "
                + risk.level() + ", expected downtime " + DowntimeEstimate.human(downtime);
        return PlanJson.withContentId(new Plan("pending", PlanType.UPGRADE, from, to, actions, risk, message));
    }

    private static RiskAssessment assess(List<PlanAction> actions, PlatformDiff diff, PlatformState installed,
            Release target, Duration downtime, String snapshot, List<String> notes) {
        TreeMap<RiskLevel, List<String>> reasons = new TreeMap<>();
        List<String> majors = diff.core.order().stream()
                .filter(c -> c.type() == CoreKernelRules.ChangeType.MAJOR)
                .map(c -> c.name() + " " + c.installed().version() + " -> " + c.target().version())
                .toList();
        if (!majors.isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("major Core Kernel changes ("
                    + String.join(", ", majors) + "): check compatibility with the component owners");
        }
        if (!target.notes().breaking().isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("the release notes list "
                    + target.notes().breaking().size() + " breaking change(s)");
        }
        List<String> removed = diff.stacks.stream().filter(s -> s.target() == null).map(PlatformDiff.StackChange::label)
                .toList();
        if (!removed.isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("the release drops stacks ("
                    + String.join(", ", removed) + "): workloads using them stop");
        }
        CloudKernel now = installed.cloudKernel();
        CloudKernel then = target.cloudKernel();
        List<String> cloud = new ArrayList<>();
        if (diff.kubernetesChanged) {
            cloud.add("kubernetes " + now.kubernetes().version() + " -> " + then.kubernetes().version());
        }
        if (diff.iacChanged) {
            cloud.add("iac " + now.iac().version() + " -> " + then.iac().version());
        }
        if (diff.postgresChanged) {
            cloud.add("postgres " + now.postgres().version() + " -> " + then.postgres().version());
        }
        if (!cloud.isEmpty()) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("the release moves the Cloud Kernel ("
                    + String.join(", ", cloud) + "); a rollback of it later needs a new cluster or a restore");
        }
        if (downtime.compareTo(Duration.ofHours(2)) >= 0) {
            reasons.computeIfAbsent(RiskLevel.HIGH, k -> new ArrayList<>()).add("expected downtime "
                    + DowntimeEstimate.human(downtime) + " is 2h or more");
        } else if (downtime.compareTo(Duration.ofMinutes(30)) >= 0) {
            reasons.computeIfAbsent(RiskLevel.MEDIUM, k -> new ArrayList<>()).add("expected downtime "
                    + DowntimeEstimate.human(downtime) + " is 30m or more");
        }
        RiskLevel level = reasons.isEmpty() ? RiskLevel.LOW : reasons.lastKey();
        List<String> reasonLines = new ArrayList<>();
        reasonLines.addAll(reasons.getOrDefault(RiskLevel.HIGH, List.of()));
        reasonLines.addAll(reasons.getOrDefault(RiskLevel.MEDIUM, List.of()));
        if (reasonLines.isEmpty()) {
            reasonLines.add("minor and patch changes only, short downtime, no breaking changes listed");
        }
        List<String> manual = new ArrayList<>();
        List<RequiredApproval> approvals = new ArrayList<>();
        for (PlanAction action : actions) {
            if (action.kind() == ActionKind.REVIEW_RELEASE_NOTES || action.kind() == ActionKind.APPROVE_WINDOW) {
                manual.add(action.id());
            }
            if (action.requiresApproval()) {
                approvals.add(new RequiredApproval(action.id(), action.kind(), action.approvers(),
                        "schedule and downtime approved"));
            }
        }
        List<String> mitigations = List.of(
                "prepare.backup takes snapshot " + snapshot + " of release " + installed.version()
                        + " and prepare.restore-check proves it restores, before the Helm upgrade",
                "a failed validation is answered with a rollback plan back to " + installed.version()
                        + " (dataos-upgrade plan rollback)");
        Map<Layer, List<String>> affected = new LinkedHashMap<>(diff.affected(false));
        return new RiskAssessment(level, reasonLines, downtime, affected, List.of(), manual, approvals, mitigations,
                notes);
    }

    private static String joinLines(List<String> lines) {
        return lines.isEmpty() ? null : String.join("\n", lines);
    }
}
