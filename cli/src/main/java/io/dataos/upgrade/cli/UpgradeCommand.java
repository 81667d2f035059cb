package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.RunbookResult;
import io.dataos.upgrade.api.UpgradeRequest;
import io.dataos.upgrade.api.UpgradeRunbook;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dataos-upgrade upgrade}: the runbook's upgrade (release notes and announcement, approved
 * window, pre-checks, backup kit with restore check, tag update, helm upgrade, validation), with the
 * automatic rollback on failed validation when asked. Running the same command again resumes.
 */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {"Upgrade DataOS to a release, following the runbook: release notes and announcement, approved"
                + " window, pre-checks, backup and restore check, dataos-manager tag update, helm upgrade,"
                + " post-upgrade validation.",
                "Exit codes: 0 done, 1 failed (or rolled back), 2 invalid input (nothing ran), 3 waiting for a gate's"
                        + " approval. Run the same command again to resume."})
final class UpgradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunbookOptions options;

    @Option(names = "--installed", required = true, paramLabel = "STATE.yaml",
            description = "What runs now (kind: PlatformState), in the workspace.")
    Path installed;

    @Option(names = "--release", required = true, paramLabel = "RELEASE.yaml",
            description = "The release to upgrade to (kind: Release), in the workspace.")
    Path release;

    @Option(names = "--values", paramLabel = "VALUES.yaml",
            description = "The dataos-manager Helm values file (its image.tag is updated). Default: valuesFile of the"
                    + " settings.")
    Path values;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "Run exactly this reviewed plan (dataos-upgrade plan upgrade --output json).")
    Path plan;

    @Option(names = "--window", paramLabel = "WINDOW",
            description = "Maintenance window ('SAT 02:00-06:00 UTC' or '2026-11-28T02:00Z/PT4H'); outside it the"
                    + " upgrade refuses to start unless --force. Default: the settings', else the installed state's.")
    String window;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (the same id resumes). Default: the plan id, so the same upgrade resumes.")
    String runId;

    @Option(names = "--mark-done", paramLabel = "ACTION",
            description = "Record that ACTION of this run (e.g. manager.helm-upgrade.dataos-manager) was done by hand:"
                    + " journaled with --started-by, the time and --reason, shown as manual in the reports; the run"
                    + " then continues after it.")
    String markDone;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "With --mark-done: why and how the action was done by hand.")
    String reason;

    @Option(names = "--approve", paramLabel = "GATE=APPROVER",
            description = "Approve a gate (e.g. prepare.approve-window=alice). Repeatable.")
    Map<String, String> approved = new LinkedHashMap<>();

    @Option(names = "--approver-group", paramLabel = "APPROVER=GROUP",
            description = "A group APPROVER belongs to (Jenkins: the user's groups), matched against a gate's approvers"
                    + " like input's submitter. Repeatable.")
    java.util.List<String> approverGroups = new java.util.ArrayList<>();

    @Option(names = "--approver-groups-file", paramLabel = "FILE",
            description = "More APPROVER=GROUP pairs, one a line (the Jenkins steps write the groups the security"
                    + " realm gives each approver here, out of the command line).")
    java.nio.file.Path approverGroupsFile;

    @Option(names = "--approve-all-as", paramLabel = "NAME",
            description = "Approve every gate of this run, recorded as approved by NAME.")
    String approveAllAs;

    @Option(names = "--dry-run", description = "Show what would run (read-only pre-checks included); change nothing.")
    boolean dryRun;

    @Option(names = "--auto-rollback",
            description = "On failed validation, roll back to the state recorded in the backup kit at once (its gates"
                    + " need approving too), then verify and write the RCA report.")
    boolean autoRollback;

    @Option(names = "--force", description = "Start even outside the maintenance window.")
    boolean force;

    @Option(names = "--no-backup", description = "Take no backup kit (not recommended: a rollback then has no kit).")
    boolean noBackup;

    @Option(names = "--started-by", paramLabel = "WHO", description = "Who started the run (journaled).")
    String startedBy;

    @Option(names = "--release-name", paramLabel = "NAME",
            description = "The dataos-manager Helm release. Default: helm.release of the settings.")
    String releaseName;

    @Option(names = "--namespace", paramLabel = "NAMESPACE",
            description = "Its namespace. Default: helm.namespace of the settings.")
    String namespace;

    @Option(names = "--chart", paramLabel = "CHART",
            description = "The dataos-manager chart reference. Default: helm.chart of the settings.")
    String chart;

    @Option(names = "--timeout-minutes", paramLabel = "N",
            description = "Time limit of helm upgrade (--wait --timeout). Default: helm.timeout of the settings.")
    Integer timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        if (window != null) {
            // Refused here, like plan upgrade does, so that the message names the option the operator typed.
            UpgradeRunbook.checkWindow(window, Instant.now(), "command line", "--window");
        }
        if (reason != null && markDone == null) {
            throw new io.dataos.upgrade.api.InvalidInputException("--reason", reason, "is only read with --mark-done"
                    + " ACTION (why and how that action was done by hand): add --mark-done or drop --reason");
        }
        UpgradeRequest request = UpgradeRequest.builder()
                .runId(runId)
                .installed(options.inWorkspace(installed, "--installed"))
                .release(options.inWorkspace(release, "--release"))
                .valuesFile(options.inWorkspace(values, "--values"))
                .settings(options.settings())
                .plan(options.inWorkspace(plan, "--plan"))
                .maintenanceWindow(window)
                .dryRun(dryRun)
                .autoRollback(autoRollback)
                .force(force)
                .backup(!noBackup)
                .startedBy(startedBy)
                .markDone(markDone, reason)
                .overrides(options.overrides(releaseName, namespace, chart, timeoutMinutes))
                .build();
        RunbookResult result = new UpgradeRunbook(options.ports(cli, options.approvals(approved, approveAllAs,
                RunbookOptions.approverGroups(approverGroups, approverGroupsFile))))
                .run(request);
        if (options.format == RunbookOptions.Format.JSON) {
            options.printJson(cli, result.toMap());
            RunbookExit.hintOnError(result, cli.getErr());
        } else {
            RunbookExit.summarize(result, cli.getOut());
        }
        return RunbookExit.code(result);
    }
}
