package io.dataos.upgrade.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Plan examplePlan() throws Exception {
        return new RollbackPlanner().plan(Manifests.readPlatformState(Fixtures.example("installed-1.5.yaml")),
                Manifests.readRelease(Fixtures.example("release-1.4.yaml")));
    }

    @Test
    void aPlanSurvivesTheRoundTripUnchanged() throws Exception {
        Plan plan = examplePlan();

        Plan read = PlanJson.read(PlanJson.write(plan));

        assertThat(read).isEqualTo(plan);
        assertThat(PlanJson.write(read)).isEqualTo(PlanJson.write(plan));
    }

    @Test
    void theSameInputsGiveTheSameBytesAndId() throws Exception {
        assertThat(PlanJson.write(examplePlan())).isEqualTo(PlanJson.write(examplePlan()));
        assertThat(examplePlan().id()).matches("rollback-1\\.5\\.0-to-1\\.4\\.0-[0-9a-f]{12}");
    }

    @Test
    void theJsonHasTheContractFieldsOfEveryAction() throws Exception {
        JsonNode root = JSON.readTree(PlanJson.write(examplePlan()));

        assertThat(root.get("risk").get("level").asText()).isEqualTo("HIGH");
        for (JsonNode action : root.get("actions")) {
            assertThat(action.has("id") && action.has("layer") && action.has("component") && action.has("kind")
                    && action.has("from") && action.has("to") && action.has("dependsOn")
                    && action.has("requiresApproval") && action.has("approvers")).as(action.toString()).isTrue();
        }
        JsonNode gate = root.get("actions").get(7);
        assertThat(gate.get("kind").asText()).isEqualTo("OWNER_APPROVAL");
        assertThat(gate.get("layer").asText()).isEqualTo("CORE_KERNEL");
        assertThat(gate.get("approvers").get(0).asText()).isEqualTo("lens-team@example.com");
    }

    @Test
    void anEditedPlanWithACycleIsRefused() throws Exception {
        refusedAfter(root -> ((ArrayNode) root.withArray("actions").get(0).withArray("dependsOn"))
                .add("verify.verify-rollback"), "actions: actions[0] (prepare.check-compatibility) depends on"
                        + " 'verify.verify-rollback', which is not an action listed before it");
    }

    @Test
    void anEditedPlanWithUnknownKindsOrFieldsIsRefused() throws Exception {
        refusedAfter(root -> ((ObjectNode) root.withArray("actions").get(3)).put("kind", "RUN_SHELL"),
                "actions[3].kind: 'RUN_SHELL' is not one of");
        refusedAfter(root -> ((ObjectNode) root.withArray("actions").get(3)).put("command", "rm -rf /"),
                "actions[3].command: is not a known field");
        refusedAfter(root -> ((ObjectNode) root.withArray("actions").get(4)).put("id", "prepare.backup"),
                "action id 'prepare.backup' is used twice");
        refusedAfter(root -> root.put("empty", true), "empty: says true but the plan has 19 actions");
    }

    @Test
    void somethingThatIsNotAPlanIsRefused() {
        assertThatThrownBy(() -> PlanJson.read("{\"a\": ".getBytes(StandardCharsets.UTF_8), "plan.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("plan.json: line");
        assertThatThrownBy(() -> PlanJson.read("{\"apiVersion\": \"x\", \"kind\": \"Plan\"}".getBytes(
                StandardCharsets.UTF_8), "plan.json")).hasMessageContaining("is not a dataos-upgrade plan");
    }

    @Test
    void theIacCommandIsStoredAsAnArgvList() throws Exception {
        PlanAction iac = PlanJson.read(PlanJson.write(examplePlan())).action("cloud-kernel.iac-rollback.iac").orElseThrow();

        assertThat(ActionParams.argv(iac)).containsExactly("terraform", "-chdir=infra/dataos", "apply", "-auto-approve",
                "-var-file=releases/1.4.0.tfvars");
    }

    private static void refusedAfter(Consumer<ObjectNode> edit, String message) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(PlanJson.write(examplePlan()));
        edit.accept(root);
        byte[] edited = JSON.writeValueAsBytes(root);
        assertThatThrownBy(() -> PlanJson.read(edited, "plan.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
    }
}
