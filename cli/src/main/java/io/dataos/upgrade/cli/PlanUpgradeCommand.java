package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.PlanRequest;
import io.dataos.upgrade.api.PlanRunbook;
import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.WindowRequest;
import io.dataos.upgrade.api.WindowRunbook;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataos-upgrade plan upgrade}: the five-phase upgrade plan from the installed state to a release. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = "Plan the upgrade from the installed platform state to a release: release notes and"
                + " announcement, window approval, pre-checks, backup and restore check, manager tag update, Helm"
                + " upgrade, validation.")
final class PlanUpgradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--installed", required = true, paramLabel = "STATE.yaml",
            description = "What runs now (kind: PlatformState).")
    Path installed;

    @Option(names = "--release", required = true, paramLabel = "RELEASE.yaml",
            description = "The release to upgrade to (kind: Release).")
    Path release;

    @Option(names = "--window", paramLabel = "WINDOW",
            description = "Maintenance window, e.g. 'SAT 02:00-06:00 UTC' or '2026-11-28T02:00Z/2026-11-28T06:00Z';"
                    + " overrides the installed state's maintenanceWindow.")
    String window;

    @Option(names = "--checks", paramLabel = "CHECKS.yaml",
            description = "Workspace-relative checks file the post-upgrade validation runs (docs/verification.md);"
                    + " needed before the plan can be run.")
    String checks;

    @Option(names = "--window-prometheus", paramLabel = "URL",
            description = "Without --window and without the installed state's maintenanceWindow: suggest the window"
                    + " from the traffic in this Prometheus (as 'window suggest' does) and plan with it.")
    String windowPrometheus;

    @Option(names = "--window-grafana-datasource", paramLabel = "UID",
            description = "The uid of Grafana's Prometheus data source, when --window-prometheus is Grafana's.")
    String windowGrafanaDatasource;

    @Option(names = "--window-query", paramLabel = "PROMQL",
            description = "The traffic query (window suggest --query).")
    String windowQuery;

    @Option(names = "--window-lookback", paramLabel = "PERIOD",
            description = "How far back to read traffic. Default: " + WindowRequest.DEFAULT_LOOKBACK + ".")
    String windowLookback;

    @Option(names = "--window-duration", paramLabel = "LENGTH",
            description = "How long the window must be. Default: " + WindowRequest.DEFAULT_DURATION + ".")
    String windowDuration;

    @Option(names = "--window-zone", paramLabel = "ZONE", description = "The window's time zone. Default: UTC.")
    String windowZone;

    @Option(names = "--window-token-secret", paramLabel = "NAME",
            description = "Send the secret NAME (environment variable NAME upper-cased, '-' as '_') as a bearer token"
                    + " to --window-prometheus (window suggest --token-secret).")
    String windowTokenSecret;

    @Mixin
    PlanOutput output;

    Function<String, String> environment = System::getenv;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        WindowRequest suggest = windowPrometheus == null ? null : new WindowRequest(windowPrometheus,
                windowGrafanaDatasource, windowQuery, windowLookback, windowDuration, windowZone, windowTokenSecret);
        if (suggest == null && windowTokenSecret != null) {
            throw new CommandLine.ParameterException(cli, "--window-token-secret is the token for"
                    + " --window-prometheus: give --window-prometheus too, or leave the token out");
        }
        // progress on standard error: standard output holds the plan or its result
        WindowRunbook windows = new WindowRunbook(RunbookPorts.local(Path.of("."), null)
                .withSecrets(CliSecrets.of(Map.of(), environment)).withClock(clock)
                .withLog(line -> {
                    cli.getErr().println("dataos-upgrade: " + line);
                    cli.getErr().flush();
                }));
        output.emit(new PlanRunbook(clock, windows), PlanRequest.upgrade(installed, release)
                .withWindow(window, "command line", "--window").withChecks(checks).withSuggestedWindow(suggest), cli);
        return 0;
    }
}
