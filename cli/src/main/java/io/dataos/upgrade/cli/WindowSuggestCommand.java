package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.WindowResult;
import io.dataos.upgrade.api.WindowRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataos-upgrade window suggest}: the quietest recurring weekly window, from Prometheus traffic. */
@Command(
        name = "suggest",
        mixinStandardHelpOptions = true,
        description = "Read the platform's traffic from Prometheus (or Grafana's Prometheus data source) over the"
                + " look-back period and suggest the recurring weekly window of the length asked for with the lowest"
                + " traffic, with the figures behind the choice and a chart of the week.")
final class WindowSuggestCommand implements Callable<Integer> {

    /** How the result is printed. */
    enum Format {
        TEXT,
        JSON
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--prometheus", required = true, paramLabel = "URL",
            description = "Prometheus base URL (or Grafana's, with --grafana-datasource).")
    String prometheus;

    @Mixin
    WindowOptions window;

    @Option(names = "--output", paramLabel = "text|json", description = "text (default) or json (one object).")
    String output = "text";

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        Format format;
        try {
            format = Format.valueOf(output.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "'" + output + "' is not an output format: use text or json");
        }
        PrintWriter progress = format == Format.JSON ? cli.getErr() : cli.getOut();
        RunbookPorts ports = RunbookPorts.local(Path.of("."), null).withSecrets(CliSecrets.of(Map.of(), System::getenv))
                .withClock(clock).withLog(line -> {
                    progress.println(line);
                    progress.flush();
                });
        WindowResult result = new WindowRunbook(ports).suggest(window.request(prometheus));
        if (format == Format.JSON) {
            ResultJson.print(cli.getOut(), result.toMap());
        } else {
            PrintWriter o = cli.getOut();
            o.println();
            o.print(result.chart());
            o.println();
            o.println("Suggested window: " + result.window());
            o.println(String.format(Locale.ROOT, "  mean traffic in it %.4g, %.0f%% of the week's mean %.4g;"
                    + " busiest %s window from %s: %.4g", result.meanTraffic(), result.share() * 100,
                    result.weekMeanTraffic(), result.duration(), result.busiestWindow(), result.busiestMeanTraffic()));
            o.println(String.format(Locale.ROOT, "  read %s to %s every %d s: %d point(s), %.0f%% of the week"
                    + " covered", result.start(), result.end(), result.stepSeconds(), result.points(),
                    result.coverage() * 100));
            o.println("  use it: --window '" + result.window() + "' (or maintenanceWindow in the installed state)");
            o.flush();
        }
        return 0;
    }
}
