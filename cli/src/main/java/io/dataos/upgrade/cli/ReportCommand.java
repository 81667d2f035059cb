package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.ReportRequest;
import io.dataos.upgrade.api.ReportResult;
import io.dataos.upgrade.api.ReportRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataos-upgrade report}: the run report and RCA report of a run, from its journal. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {"Write the run report and the root-cause-analysis report (Markdown and HTML) of a run from its"
                + " journal, with the stakeholder debrief drafts.", "Exit codes: 0 written, 2 invalid input."})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunbookOptions options;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run to report on.")
    String runId;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Or the run's journal, .dataos-upgrade/runs/<runId>/journal.jsonl.")
    Path journal;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory of the reports. Default:"
            + " <stateDir>/reports/<runId>.")
    Path out;

    @Option(names = "--kind", paramLabel = "run|rca", defaultValue = "run",
            description = "Which report the result's markdown and html point at: run (default) or rca; both are"
                    + " written.")
    String kind;

    @Option(names = "--verification", paramLabel = "FILE",
            description = "A verification.json to include (the json path verify returned). Repeatable. Default: the"
                    + " ones the run kept.")
    List<Path> verifications;

    @Option(names = "--instance", paramLabel = "NAME",
            description = "The DataOS instance the reports name. Default: instance of the settings.")
    String instance;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        List<String> given = null;
        if (verifications != null) {
            given = new ArrayList<>();
            for (Path file : verifications) {
                given.add(options.inWorkspace(file, "--verification"));
            }
        }
        ReportResult result = new ReportRunbook(options.ports(cli, null)).run(new ReportRequest(runId,
                options.inWorkspace(journal, "--journal"), options.settings(), options.inWorkspace(out, "--out"),
                options.overrides(null, null, null, null), kind, given, instance));
        if (options.format == RunbookOptions.Format.JSON) {
            options.printJson(cli, result.toMap());
        } else {
            PrintWriter o = cli.getOut();
            o.println("run " + result.runId() + " (" + result.kind() + ", " + result.outcome() + "): "
                    + result.failedChecks() + " failed check(s)");
            o.println("  run report: " + result.runReportMarkdown() + "  (" + result.runReportHtml() + ")");
            o.println("  RCA report: " + result.rcaMarkdown() + "  (" + result.rcaHtml() + ")");
            o.println("  debrief drafts: " + String.join(", ", result.debrief()));
            o.flush();
        }
        return 0;
    }
}
