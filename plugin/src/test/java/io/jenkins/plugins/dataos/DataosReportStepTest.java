package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.FilePath;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.UpgradePlanner;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.verify.VerificationActionHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dataosReport} on real journals: the example upgrade plan run by the real {@link PlanExecutor} over the
 * plugin's FilePath workspace, its post-upgrade validation run by the real verification against a loopback server.
 */
class DataosReportStepTest {

    static final String TOKEN = "grafana-0d4f1b7e92ac";
    static final String NOW = "2026-11-28T03:00:00Z";

    @TempDir
    Path workspace;
    @TempDir
    Path agent;

    HttpServer server;
    volatile int healthStatus = 200;
    /** The number of gates of the last run's plan, all approved by ops-lead. */
    int gates;

    @BeforeEach
    void platform() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/heimdall/health", exchange -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = authorized ? healthStatus : 401;
            byte[] body = (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\",\"token\":\"" + TOKEN + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Runs the example 1.4 -> 1.5 upgrade plan as run {@code runId}; only the validation does real work. */
    private RunResult upgradeRun(String runId) throws Exception {
        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        Files.createDirectories(workspace.resolve("checks"));
        Files.writeString(workspace.resolve("checks/post-upgrade.yaml"), "checks:\n  - name: heimdall health\n"
                + "    type: http\n    layer: coreKernel\n    url: http://127.0.0.1:" + server.getAddress().getPort()
                + "/heimdall/health\n    tokenSecret: grafana-token\n");
        Plan plan = new UpgradePlanner(Steps.at(NOW)).plan(
                Manifests.readPlatformState(Files.readAllBytes(workspace.resolve("state/installed.yaml")), "installed"),
                Manifests.readRelease(Files.readAllBytes(workspace.resolve("releases/dataos-1.5.0.yaml")), "release"));
        List<PlanAction> actions = new ArrayList<>();
        Map<String, String> approved = new HashMap<>();
        for (PlanAction a : plan.actions()) {
            if (a.kind() == ActionKind.VALIDATE) {
                Map<String, String> params = new HashMap<>(a.params());
                params.put("checks", "checks/post-upgrade.yaml");
                a = new PlanAction(a.id(), a.phase(), a.layer(), a.component(), a.kind(), a.from(), a.to(),
                        a.dependsOn(), a.requiresApproval(), a.approvers(), a.description(), params);
            }
            if (a.requiresApproval()) {
                approved.put(a.id(), "ops-lead");
            }
            actions.add(a);
        }
        gates = approved.size();
        ActionHandlers handlers = ActionHandlers.builder().on(ActionKind.VALIDATE, new VerificationActionHandler())
                .onEveryOtherKind((action, context) -> ActionOutcome.done(action.kind() + " done")).build();
        Secret token = Secret.of("grafana-token", TOKEN);
        return PlanExecutor.builder(new io.dataos.upgrade.workspace.LocalWorkspace(workspace, Steps.runState(agent)), new LocalCommandRunner(),
                        handlers)
                .approvals(new PreApprovedGates(approved)).secrets(name -> Optional.of(token).filter(
                        s -> s.name().equals(name))).clock(Steps.at(NOW)).build()
                .run(RunRequest.of(runId, plan.id(), actions).by("jenkins"));
    }

    @Test
    void rcaReportOfAFailedValidationNamesTheFailedCheckAndIsWrittenAsMarkdownAndHtml() throws Exception {
        healthStatus = 503;
        RunResult run = upgradeRun("upgrade-42");
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        DataosReportStep step = new DataosReportStep(run.journal());
        step.setKind("rca");
        step.setInstance("dataos.acme.example");
        TestStepContext context = new TestStepContext(workspace, agent);

        Map<String, Object> result = Steps.serialized(Steps.run(step, context), TOKEN);

        String kept = "dataos-upgrade/runs/upgrade-42/" + run.failedAction() + "/verification.json";
        assertThat(result).containsEntry("runId", "upgrade-42").containsEntry("kind", "rca")
                .containsEntry("runKind", "UPGRADE").containsEntry("outcome", "FAILED")
                .containsEntry("failedChecks", 1L).containsEntry("verifications", List.of(kept))
                .containsEntry("markdown", "dataos-upgrade/reports/upgrade-42/rca-report.md")
                .containsEntry("html", "dataos-upgrade/reports/upgrade-42/rca-report.html");
        assertThat(result.get("approvals")).isEqualTo((long) gates).isNotEqualTo(0L);
        String markdown = Files.readString(workspace.resolve("dataos-upgrade/reports/upgrade-42/rca-report.md"));
        assertThat(markdown).contains("upgrade-42").contains("heimdall health").contains("503")
                .contains("dataos.acme.example").contains("To be filled in");
        assertThat(Files.readString(workspace.resolve("dataos-upgrade/reports/upgrade-42/rca-report.html"))).contains("<html")
                .contains("heimdall health");
        assertThat(context.log()).contains("dataosReport: reports of run upgrade-42 written under");
        assertThat(Steps.filesContaining(workspace, TOKEN)).as("files holding the token").isEmpty();
    }

    @Test
    void runReportOfASuccessfulRunListsEveryActionAndWhoApprovedEachGate() throws Exception {
        RunResult run = upgradeRun("upgrade-43");
        assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
        DataosReportStep step = new DataosReportStep(run.journal());

        Map<String, Object> result = Steps.serialized(Steps.run(step, new TestStepContext(workspace, agent)), TOKEN);

        assertThat(gates).isPositive();
        assertThat(result).containsEntry("runId", "upgrade-43").containsEntry("kind", "run")
                .containsEntry("outcome", "SUCCEEDED").containsEntry("actions", (long) run.states().size())
                .containsEntry("approvals", (long) gates).containsEntry("failedChecks", 0L)
                .containsEntry("markdown", "dataos-upgrade/reports/upgrade-43/run-report.md");
        String markdown = Files.readString(workspace.resolve("dataos-upgrade/reports/upgrade-43/run-report.md"));
        assertThat(markdown).contains("upgrade-43").contains("ops-lead").contains("1.5.0");
    }

    @Test
    void runIdThatIsNotTheJournalsIsRefusedNamingTheLine() throws Exception {
        RunResult run = upgradeRun("upgrade-44");
        DataosReportStep step = new DataosReportStep(run.journal());
        step.setRunId("upgrade-45");

        assertThatThrownBy(() -> Steps.run(step, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining(run.journal())
                .hasMessageContaining("belongs to run 'upgrade-44'");
        assertThat(workspace.resolve("dataos-upgrade/reports")).doesNotExist();
    }

    @Test
    void journalThatIsNoRunJournalOrMissingIsRefusedNamingThePathAndTheArgument() throws Exception {
        DataosReportStep elsewhere = new DataosReportStep("dataos-upgrade/journal.jsonl");
        DataosReportStep missing = new DataosReportStep(".dataos-upgrade/runs/upgrade-9/journal.jsonl");

        assertThatThrownBy(() -> Steps.run(elsewhere, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("'dataos-upgrade/journal.jsonl'")
                .hasMessageContaining("journal").hasMessageContaining("is not a run journal");
        assertThatThrownBy(() -> Steps.run(missing, new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining("run 'upgrade-9' has no journal")
                .hasMessageContaining("does not exist");
    }
}
