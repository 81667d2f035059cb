package io.dataos.upgrade.api;

import static io.dataos.upgrade.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dataos.upgrade.metrics.FakePrometheus;
import io.dataos.upgrade.metrics.PrometheusClient;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.metrics.PrometheusQueryException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code window suggest} against a real HTTP server that answers query_range like Prometheus, limit included. */
class WindowRunbookTest {

    /** A Wednesday noon: the look-back of 14 days covers two whole weeks before it. */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String QUERY = "sum by (job) (rate(http_requests_total[5m]))";

    private static FakePrometheus prometheus;
    private final List<String> log = new ArrayList<>();
    private final RunbookPorts ports = RunbookPorts.of(new io.dataos.upgrade.process.LocalCommandRunner(),
            new LocalWorkspace(Path.of("."))).withClock(Clock.fixed(NOW, ZoneOffset.UTC)).withLog(log::add);

    @BeforeAll
    static void startPrometheus() throws Exception {
        // two series: the suggestion adds them up, as the platform's traffic is their sum
        prometheus = FakePrometheus.quietWednesdayAfternoons();
    }

    @AfterAll
    static void stopPrometheus() {
        prometheus.close();
    }

    @Test
    void findsThePlantedQuietWindowInFourteenDaysOfTrafficAtTheStepPrometheusAllows() throws Exception {
        int before = prometheus.asked().size();

        WindowResult result = new WindowRunbook(ports).suggest(WindowRequest.of(prometheus.base().toString(), QUERY,
                "14d", "4h"));

        assertThat(result.window()).isEqualTo("WED 13:00-17:00 UTC");
        assertThat(result.meanTraffic()).isCloseTo(10, within(1.0));
        assertThat(result.share()).isLessThan(0.1);
        assertThat(result.busiestWindow()).as("around the 14:00 peak of a working day other than the planted one")
                .isIn("MON 12:00", "TUE 12:00", "THU 12:00", "FRI 12:00");
        assertThat(result.stepSeconds()).as("14 days / 11,000 points, rounded up").isEqualTo(110);
        assertThat(result.points()).isGreaterThan(10_900).isLessThanOrEqualTo(11_001);
        assertThat(result.coverage()).isEqualTo(1.0);
        FakePrometheus.Asked asked = prometheus.asked().get(before);
        assertThat(asked.query()).isEqualTo(QUERY);
        assertThat(asked.end() - asked.start()).isEqualTo(Duration.ofDays(14).toSeconds());
        assertThat((asked.end() - asked.start()) / asked.stepSeconds()).isLessThanOrEqualTo(11_000);
        assertThat(result.toMap()).containsEntry("status", "SUGGESTED").containsEntry("window", "WED 13:00-17:00 UTC")
                .containsEntry("stepSeconds", 110L).containsKeys("meanTraffic", "weekMeanTraffic", "chart");
        assertThat(result.message()).startsWith("suggested window WED 13:00-17:00 UTC: mean traffic");
    }

    @Test
    void theChartShowsTheWeekByHourAndMarksTheWindow() throws Exception {
        WindowResult result = new WindowRunbook(ports).suggest(WindowRequest.of(prometheus.base().toString(), QUERY,
                "14d", "4h"));

        List<String> lines = result.chart().lines().toList();
        assertThat(lines).hasSize(2 + 7 + 1);
        assertThat(lines.get(1)).startsWith("     00 03 06 09");
        int wed = lines.indexOf(lines.stream().filter(l -> l.startsWith("WED")).findFirst().orElseThrow());
        assertThat(lines.get(wed + 1)).isEqualTo(" ".repeat(5 + 13) + "^^^^");
        assertThat(lines.get(wed).substring(5 + 13, 5 + 17)).isEqualTo("▁▁▁▁");
        assertThat(lines.get(wed).charAt(5 + 12)).as("12:00 is busy").isIn('▆', '▇', '█');
        assertThat(lines.stream().filter(l -> l.startsWith("MON")).findFirst().orElseThrow()).hasSize(5 + 24);
    }

    @Test
    void throughGrafanasProxyAndInALocalZone() throws Exception {
        WindowResult result = new WindowRunbook(ports).suggest(new WindowRequest(prometheus.base() + "/", "prom-1",
                QUERY, "2w", "4h", "Europe/Berlin", null));

        assertThat(result.window()).as("13:00 UTC is 14:00 in Berlin in November").isEqualTo(
                "WED 14:00-18:00 Europe/Berlin");
        assertThat(prometheus.asked().get(prometheus.asked().size() - 1).path())
                .isEqualTo("/api/datasources/proxy/uid/prom-1/api/v1/query_range");
    }

    @Test
    void aLongerLookBackTakesACoarserStepAndPrometheusRefusesAFinerOne() throws Exception {
        WindowResult month = new WindowRunbook(ports).suggest(WindowRequest.of(prometheus.base().toString(), QUERY,
                "30d", "2h"));
        assertThat(month.stepSeconds()).isEqualTo(WindowRunbook.step(Duration.ofDays(30)).toSeconds()).isEqualTo(236);
        assertThat(month.window()).startsWith("WED 1");

        PrometheusClient client = new PrometheusClient(HttpClient.newHttpClient());
        assertThatThrownBy(() -> client.queryRange(new PrometheusEndpoint(prometheus.base(), null, null), QUERY,
                NOW.minus(Duration.ofDays(14)), NOW, Duration.ofSeconds(60), Duration.ofSeconds(10), null))
                .isInstanceOf(PrometheusQueryException.class).hasMessageContaining("exceeded maximum resolution");
    }

    @Test
    void badArgumentsAreRefusedNamingTheFieldBeforeAnythingIsRead() {
        int before = prometheus.asked().size();
        WindowRunbook runbook = new WindowRunbook(ports);
        String url = prometheus.base().toString();

        assertThatThrownBy(() -> runbook.suggest(WindowRequest.of(url, QUERY, "3d", "4h")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lookback");
        assertThatThrownBy(() -> runbook.suggest(WindowRequest.of(url, QUERY, "14d", "4h10m")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("duration")
                .hasMessageContaining("quarter hours");
        assertThatThrownBy(() -> runbook.suggest(WindowRequest.of(url, QUERY, "14d", "24h")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> runbook.suggest(WindowRequest.of(url, " ", "14d", "4h")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("query");
        assertThatThrownBy(() -> runbook.suggest(WindowRequest.of("ftp://prometheus", QUERY, "14d", "4h")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("prometheus");
        assertThat(prometheus.asked()).hasSize(before);
    }

    @Test
    void anUpgradePlanWithoutAWindowAnnouncesAndGatesTheSuggestedOne(@TempDir Path dir) throws Exception {
        Path installed = dir.resolve("installed-1.4.yaml");
        Files.writeString(installed, Files.readString(example("installed-1.4.yaml"))
                .replaceAll("(?m)^maintenanceWindow:.*$", ""));
        PlanRunbook planner = new PlanRunbook(Clock.fixed(NOW, ZoneOffset.UTC), new WindowRunbook(ports));
        WindowRequest suggest = WindowRequest.of(prometheus.base().toString(), QUERY, "14d", "4h");

        PlanResult result = planner.run(PlanRequest.upgrade(installed, example("release-1.5.yaml"))
                .withSuggestedWindow(suggest));

        assertThat(result.maintenanceWindow()).isEqualTo("WED 13:00-17:00 UTC");
        assertThat(result.plan().actions()).filteredOn(a -> a.kind() == ActionKind.ANNOUNCE).singleElement()
                .satisfies(a -> assertThat(a.description()).contains("in the window WED 13:00-17:00 UTC"));
        assertThat(result.plan().gates()).anySatisfy(g -> assertThat(g.description())
                .contains("low-traffic window WED 13:00-17:00 UTC"));
        assertThat(result.toMap()).containsEntry("maintenanceWindow", "WED 13:00-17:00 UTC")
                .containsKey("suggestedWindow");

        int before = prometheus.asked().size();
        PlanResult given = planner.run(PlanRequest.upgrade(installed, example("release-1.5.yaml"))
                .withWindow("SAT 02:00-06:00 UTC", "command line", "--window").withSuggestedWindow(suggest));
        assertThat(given.maintenanceWindow()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(given.windowSuggestion()).isNull();
        assertThat(prometheus.asked()).as("a given window is not second-guessed").hasSize(before);
    }
}
