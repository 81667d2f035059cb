package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.metrics.FakePrometheus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dataos-upgrade window suggest} against a real HTTP server answering query_range like Prometheus. */
class WindowSuggestCommandTest {

    private static FakePrometheus prometheus;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        prometheus = FakePrometheus.quietWednesdayAfternoons();
    }

    @AfterAll
    static void stop() {
        prometheus.close();
    }

    private static Run run(String... args) {
        CommandLine commandLine = DataosUpgradeCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void printsTheSuggestedWindowTheFiguresAndAChartOfTheWeek() {
        Run run = run("window", "suggest", "--prometheus", prometheus.base().toString(), "--query",
                "sum(rate(http_requests_total[5m]))", "--lookback", "14d", "--duration", "4h");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Suggested window: WED 13:00-17:00 UTC", "of the week's mean",
                "every 110 s", "--window 'WED 13:00-17:00 UTC'", "Mean traffic per hour (UTC)")
                .containsPattern("(?m)^WED  .{24}$").containsPattern("(?m)^ {18}\\^\\^\\^\\^$");
        assertThat(run.out().split("Suggested window:", -1)).as("said once").hasSize(2);
    }

    @Test
    void jsonResultHasTheWindowAndItsFigures() throws Exception {
        Run run = run("window", "suggest", "--prometheus", prometheus.base().toString(), "--query",
                "sum(rate(http_requests_total[5m]))", "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.path("status").asText()).isEqualTo("SUGGESTED");
        assertThat(result.path("window").asText()).isEqualTo("WED 13:00-17:00 UTC");
        assertThat(result.path("lookback").asText()).isEqualTo("14d");
        assertThat(result.path("duration").asText()).isEqualTo("4h");
        assertThat(result.path("stepSeconds").asLong()).isEqualTo(110);
        assertThat(result.path("shareOfWeekMean").asDouble()).isLessThan(0.1);
        assertThat(result.path("chart").asText()).contains("WED");
        assertThat(run.err()).contains("reading traffic of the last 14d");
    }

    @Test
    void aWindowLengthThatIsNoWholeQuarterHourIsInvalidInput() throws Exception {
        Run run = run("window", "suggest", "--prometheus", prometheus.base().toString(), "--query", "up",
                "--duration", "4h10m", "--output", "json");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(new ObjectMapper().readTree(run.out()).path("error").asText()).contains("duration",
                "quarter hours");
    }

    @Test
    void planUpgradeSendsTheNamedSecretAsBearerTokenToATrafficSourceThatAsksForOne(@TempDir Path tmp)
            throws Exception {
        String token = "glsa_window-token-7c1e9f2a-do-not-leak";
        Path installed = tmp.resolve("installed.yaml");
        Files.writeString(installed, Files.readString(PlanCommandTest.examplePath("installed-1.4.yaml"))
                .replaceAll("(?m)^maintenanceWindow:.*$", ""));
        try (FakePrometheus grafana = FakePrometheus.quietWednesdayAfternoons().requireToken(token)) {
            List<String> args = List.of("plan", "upgrade", "--installed", installed.toString(), "--release",
                    PlanCommandTest.examplePath("release-1.5.yaml").toString(), "--window-prometheus",
                    grafana.base().toString(), "--window-query", "sum(rate(http_requests_total[5m]))",
                    "--window-token-secret", "grafana-token", "--output", "json");

            Run refused = plan(args, name -> name.equals("GRAFANA_TOKEN") ? "wrong-token-value-0000" : null);
            Run planned = plan(args, name -> name.equals("GRAFANA_TOKEN") ? token : null);

            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err() + refused.out()).contains("401");
            assertThat(planned.exitCode()).as(planned.err()).isZero();
            JsonNode plan = new ObjectMapper().readTree(planned.out());
            assertThat(plan.path("inputs").path("window").asText()).isEqualTo("WED 13:00-17:00 UTC");
            assertThat(refused.err() + refused.out() + planned.err() + planned.out()).doesNotContain(token)
                    .doesNotContain("wrong-token-value-0000");
        }
    }

    @Test
    void aWindowTokenWithoutATrafficSourceIsRefused() {
        Run run = run("plan", "upgrade", "--installed", PlanCommandTest.examplePath("installed-1.4.yaml").toString(),
                "--release", PlanCommandTest.examplePath("release-1.5.yaml").toString(), "--window-token-secret",
                "grafana-token");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--window-token-secret is the token for --window-prometheus");
    }

    /** {@code plan upgrade} with its environment (where secrets come from) replaced. */
    private static Run plan(List<String> args, java.util.function.Function<String, String> environment) {
        CommandLine commandLine = DataosUpgradeCommand.newCommandLine();
        PlanUpgradeCommand upgrade = commandLine.getSubcommands().get("plan").getSubcommands().get("upgrade")
                .getCommand();
        upgrade.environment = environment;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }
}
