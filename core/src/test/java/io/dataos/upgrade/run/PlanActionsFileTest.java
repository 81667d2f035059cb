package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PlanActionsFileTest {

    private static PlanActionsFile.Loaded parse(String json) {
        return PlanActionsFile.parse("plan.json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void planObjectGivesItsIdAndActionsAndLeavesOtherFieldsToThePlanner() {
        PlanActionsFile.Loaded loaded = parse("""
                {"planId": "rollback-1", "risk": {"downtime": "PT30M"}, "actions": [
                  {"id": "iac", "phase": "CLOUD_KERNEL", "layer": "CLOUD_KERNEL", "kind": "IAC_ROLLBACK",
                   "dependsOn": [], "requiresApproval": false, "params": {"command": "[\\"terraform\\",\\"apply\\"]"}}
                ]}""");

        assertThat(loaded.planId()).isEqualTo("rollback-1");
        assertThat(loaded.actions()).hasSize(1);
        assertThat(loaded.actions().get(0).kind()).isEqualTo(ActionKind.IAC_ROLLBACK);
        assertThat(loaded.actions().get(0).params()).containsKey("command");
    }

    @Test
    void bareListIsAcceptedWithTheFileAsPlanId() {
        PlanActionsFile.Loaded loaded = parse("[{\"id\": \"a\", \"phase\": \"PREPARE\", \"kind\": \"PRE_CHECKS\"}]");

        assertThat(loaded.planId()).isEqualTo("plan.json");
        assertThat(loaded.actions().get(0).dependsOn()).isEmpty();
    }

    @Test
    void missingKindIsRefusedNamingTheAction() {
        assertThatThrownBy(() -> parse("[{\"id\": \"a\", \"phase\": \"PREPARE\"}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan.json: actions[0].kind: is missing");
    }

    @Test
    void unknownKindIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> parse("[{\"id\": \"a\", \"phase\": \"PREPARE\", \"kind\": \"REBOOT_EVERYTHING\"}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("actions[0].kind")
                .hasMessageContaining("REBOOT_EVERYTHING")
                .hasMessageContaining("HELM_UPGRADE");
    }

    @Test
    void unknownActionFieldIsRefused() {
        assertThatThrownBy(() -> parse("[{\"id\": \"a\", \"phase\": \"PREPARE\", \"kind\": \"PRE_CHECKS\","
                + " \"shell\": \"rm -rf /\"}]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("actions[0].shell");
    }

    @Test
    void notJsonIsRefusedNamingTheFile() {
        assertThatThrownBy(() -> parse("actions:\n - id: a"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan.json")
                .hasMessageContaining("is not JSON");
    }
}
