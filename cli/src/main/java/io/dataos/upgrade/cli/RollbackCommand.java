package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.RollbackRequest;
import io.dataos.upgrade.api.RollbackRunbook;
import io.dataos.upgrade.api.RunbookResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dataos-upgrade rollback}: the runbook's top-down rollback, from a reviewed plan file or
 * planned from the installed state and the target; gates pass only when approved. Running the same
 * command again (with the gate approved) resumes.
 */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = {"Roll DataOS back top-down, following the runbook: compatibility check, backup, stakeholder"
                + " notice, risk assessment; User Space, Core Kernel, Cloud Kernel; the dataos-manager release;"
                + " post-rollback verification. Gates pass only with --approve.",
                "Exit codes: 0 done, 1 failed, 2 invalid input (nothing ran), 3 waiting for a gate's approval. Run the"
                        + " same command again to resume."})
final class RollbackCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunbookOptions options;

    @Option(names = "--plan", paramLabel = "PLAN.json",
            description = "The reviewed rollback plan (dataos-upgrade plan rollback --output json).")
    Path plan;

    @Option(names = "--installed", paramLabel = "STATE.yaml",
            description = "What runs now (kind: PlatformState); with --target instead of --plan.")
    Path installed;

    @Option(names = "--target", paramLabel = "MANIFEST.yaml",
            description = "The rollback target: a release manifest or a platform state recorded before the upgrade.")
    Path target;

    @Option(names = "--values", paramLabel = "VALUES.yaml",
            description = "The dataos-manager values file (backed up; its image.tag is set back). Default: the"
                    + " settings' valuesFile.")
    Path values;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the stakeholder notice and the RCA"
            + " report; with --mark-done, why and how the action was done by hand.")
    String reason;

    @Option(names = "--mark-done", paramLabel = "ACTION",
            description = "Record that ACTION of this run (e.g. cloud-kernel.new-cluster.kubernetes) was done by hand:"
                    + " journaled with --started-by, the time and --reason, shown as manual in the reports; the run"
                    + " then continues after it.")
    String markDone;

    @Option(names = "--run-id", paramLabel = "ID",
            description = "Run id (the same id resumes). Default: the plan id, so the same rollback resumes.")
    String runId;

    @Option(names = "--approve", paramLabel = "GATE=APPROVER",
            description = "Approve a gate (e.g. prepare.assess-risk=alice). Repeatable.")
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

    @Option(names = "--dry-run", description = "Show what would run; change nothing.")
    boolean dryRun;

    @Option(names = "--started-by", paramLabel = "WHO", description = "Who started the run (journaled).")
    String startedBy;

    @Option(names = "--timeout-minutes", paramLabel = "N",
            description = "Time limit of helm rollback (--wait --timeout). Default: helm.timeout of the settings.")
    Integer timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        RollbackRequest request = RollbackRequest.builder()
                .runId(runId)
                .plan(options.inWorkspace(plan, "--plan"))
                .installed(options.inWorkspace(installed, "--installed"))
                .target(options.inWorkspace(target, "--target"))
                .valuesFile(options.inWorkspace(values, "--values"))
                .settings(options.settings())
                .reason(markDone == null ? reason : null)
                .markDone(markDone, markDone == null ? null : reason)
                .dryRun(dryRun)
                .startedBy(startedBy)
                .overrides(options.overrides(null, null, null, timeoutMinutes))
                .build();
        RunbookResult result = new RollbackRunbook(options.ports(cli, options.approvals(approved, approveAllAs,
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
