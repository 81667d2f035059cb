package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.metrics.FakePrometheus;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
}
