package io.jenkins.plugins.dataos;

import static io.jenkins.plugins.dataos.RunbookFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import io.dataos.upgrade.metrics.FakePrometheus;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataosPlan} with the real planners on the repository's example manifests. */
class DataosPlanStepTest {

    static final String WEDNESDAY = "2026-11-25T10:00:00Z";

    @TempDir
    Path workspace;
    @TempDir
    Path agent;

    @org.junit.jupiter.api.AfterEach
    void forgetCredentials() {
        TestCredentials.reset();
    }

    @Test
    void upgradePlanOfTheExamplesIsWrittenToTheWorkspaceAndReturnedWithItsGates() throws Exception {
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setMaintenanceWindow("Sat 01:00-05:00 UTC");
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), "no-secret-here");

        Plan written = PlanJson.read(Files.readAllBytes(workspace.resolve("dataos-upgrade/plan/plan.json")));
        assertThat(result).containsEntry("type", "upgrade").containsEntry("planId", written.id())
                .containsEntry("fromVersion", "1.4.0").containsEntry("toVersion", "1.5.0")
                .containsEntry("empty", false).containsEntry("actions", (long) written.actions().size())
                .containsEntry("risk", written.risk().level().name())
                .containsEntry("riskReasons", written.risk().reasons())
                .containsEntry("maintenanceWindow", "SAT 01:00-05:00 UTC")
                .containsEntry("planJson", "dataos-upgrade/plan/plan.json")
                .containsEntry("planMarkdown", "dataos-upgrade/plan/plan.md");
        assertThat(written.actions()).isNotEmpty();
        assertThat(result.get("summary")).isEqualTo(written.message()).asString().isNotBlank();
        assertThat(Files.readString(workspace.resolve("dataos-upgrade/plan/plan.md"))).contains(written.id());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gates = (List<Map<String, Object>>) result.get("gates");
        assertThat(gates).extracting(g -> g.get("id"))
                .containsExactlyElementsOf(written.gates().stream().map(PlanAction::id).toList());
        assertThat(gates).isNotEmpty().allSatisfy(g -> {
            assertThat(g.get("reason")).asString().isNotBlank();
            assertThat(g.get("approvers")).asList().isNotEmpty();
        });
        assertThat(context.log()).contains("dataosPlan: upgrade 1.4.0 -> 1.5.0: " + written.actions().size() + " actions");
    }

    @Test
    void rollbackPlanGoesTopDownAndListsTheOwnerGates() throws Exception {
        Steps.example("installed-1.5.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.4.yaml", workspace, "releases/dataos-1.4.0.yaml");
        DataosPlanStep step = new DataosPlanStep("rollback", "state/installed.yaml");
        step.setTarget("releases/dataos-1.4.0.yaml");
        step.setOutputDir("out/rollback");
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), "no-secret-here");

        Plan written = PlanJson.read(Files.readAllBytes(workspace.resolve("out/rollback/plan.json")));
        assertThat(written.type().name()).isEqualTo("ROLLBACK");
        assertThat(result).containsEntry("type", "rollback").containsEntry("planId", written.id())
                .containsEntry("fromVersion", "1.5.0").containsEntry("toVersion", "1.4.0")
                .containsEntry("planJson", "out/rollback/plan.json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> gates = (List<Map<String, Object>>) result.get("gates");
        assertThat(gates).extracting(g -> g.get("id"))
                .containsExactlyElementsOf(written.gates().stream().map(PlanAction::id).toList());
    }

    @Test
    void badManifestFailsNamingTheFileAndFieldAndWritesNothing() throws Exception {
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Path release = Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        Files.writeString(release, Files.readString(release).replaceFirst("(?m)^version: .*$", "version: one-five"));
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        TestStepContext context = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> Steps.run(step, context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("releases/dataos-1.5.0.yaml").hasMessageContaining("version")
                .hasMessageContaining("one-five");
        assertThat(workspace.resolve("dataos-upgrade")).doesNotExist();
    }

    @Test
    void missingManifestFailsNamingThePathAndTheArgument() throws Exception {
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-9.9.9.yaml");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("releases/dataos-9.9.9.yaml")
                .hasMessageContaining("does not exist").hasMessageContaining("release");
        assertThat(workspace.resolve("dataos-upgrade")).doesNotExist();
    }

    @Test
    void maintenanceWindowThatHasEndedIsRefusedBeforeAnythingIsWritten() throws Exception {
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setMaintenanceWindow("2026-11-21T02:00Z/PT4H");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("maintenanceWindow")
                .hasMessageContaining("ended before now");
        assertThat(workspace.resolve("dataos-upgrade")).doesNotExist();
    }

    @Test
    void maintenanceWindowThatIsNoWindowIsRefusedByTheFormAndAtStart() throws Exception {
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setMaintenanceWindow("Saturday night");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("maintenanceWindow (--window): 'Saturday night' is not a window")
                .hasMessageContaining("SAT 02:00-06:00 UTC");
    }

    @Test
    void withoutAWindowTheUpgradePlanGatesTheQuietestWeeklyWindowOfThePlatformsTraffic() throws Exception {
        Path installed = workspace.resolve("state/installed.yaml");
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Files.writeString(installed, Files.readString(installed).replaceAll("(?m)^maintenanceWindow:.*$", ""));
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        try (FakePrometheus prometheus = FakePrometheus.quietWednesdayAfternoons()) {
            step.setWindowPrometheus(prometheus.base().toString());
            step.setWindowQuery("sum(rate(http_requests_total[5m]))");
            step.setWindowDuration("4h");
            TestStepContext context = new TestStepContext(workspace, agent);

            Map<String, Object> result = Steps.run(step, context);

            assertThat(result).containsEntry("maintenanceWindow", "WED 13:00-17:00 UTC");
            assertThat(result.get("suggestedWindow")).asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsEntry("window", "WED 13:00-17:00 UTC").containsEntry("stepSeconds", 110L)
                    .containsEntry("lookback", "14d");
            assertThat(Files.readString(workspace.resolve("dataos-upgrade/plan/plan.md")))
                    .contains("low-traffic window WED 13:00-17:00 UTC");
            assertThat(context.log()).contains("suggested window WED 13:00-17:00 UTC");
            assertThat(prometheus.asked()).singleElement().satisfies(a -> assertThat(a.query())
                    .isEqualTo("sum(rate(http_requests_total[5m]))"));
        }
    }

    @Test
    void aTrafficSourceThatAsksForATokenGetsTheWindowTokenCredentialAndTheLogNeverShowsIt() throws Exception {
        Path installed = workspace.resolve("state/installed.yaml");
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Files.writeString(installed, Files.readString(installed).replaceAll("(?m)^maintenanceWindow:.*$", ""));
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setWindowTokenCredentialsId("dataos-grafana-token");
        try (FakePrometheus grafana = FakePrometheus.quietWednesdayAfternoons().requireToken(TOKEN)) {
            step.setWindowPrometheus(grafana.base().toString());
            step.setWindowQuery("sum(rate(http_requests_total[5m]))");
            TestStepContext context = new TestStepContext(workspace, agent);

            Map<String, Object> result = Steps.run(step, context);

            assertThat(result).containsEntry("maintenanceWindow", "WED 13:00-17:00 UTC");
            assertThat(step.invocation().argv).containsSequence("--window-token-secret", DataosPlanStep.WINDOW_TOKEN)
                    .noneMatch(a -> a.contains(TOKEN));
            assertThat(context.log()).doesNotContain(TOKEN);
            assertThat(Steps.filesContaining(agent, TOKEN)).as("files holding the token").isEmpty();
        }
    }

    @Test
    void aWindowTokenWithoutATrafficSourceIsRefused() {
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setWindowTokenCredentialsId("dataos-grafana-token");

        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class)
                .hasMessageContaining("windowTokenCredentialsId is the token for windowPrometheus");
    }

    @Test
    void aTrafficSourceWithoutAQueryIsRefusedBeforeAnythingStarts() {
        DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
        step.setRelease("releases/dataos-1.5.0.yaml");
        step.setWindowPrometheus("http://prometheus.monitoring:9090");

        assertThatThrownBy(step::invocation).isInstanceOf(AbortException.class).hasMessageContaining("windowQuery");
    }
}
