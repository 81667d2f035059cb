package io.dataos.upgrade.run;

import static io.dataos.upgrade.run.TestPlans.gate;
import static io.dataos.upgrade.run.TestPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An approval records the digest of the plan it approved and counts for that plan only. */
class ApprovalBindingTest {

    @TempDir
    Path dir;

    @Test
    void anApprovalNamesThePlanItApprovedAndDoesNotCarryOverToAnother() throws Exception {
        Path log = dir.resolve("steps.log");
        List<PlanAction> plan = List.of(gate(step("owner-approval", log, 0), "core-owner"),
                step("after-gate", log, 0, "owner-approval"));
        PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .approvals(new PreApprovedGates(Map.of("owner-approval", "alice"))).log(line -> { })
                .build().run(RunRequest.of("r1", "p", List.of(plan.get(0))));
        Path journal = dir.resolve(Journal.pathOf("r1"));
        String content = Files.readString(journal);
        String digest = PlanHash.of(List.of(plan.get(0)));

        assertThat(content.lines().filter(l -> l.contains("\"action-approved\"")))
                .singleElement().satisfies(l -> assertThat(l).contains("\"planHash\":\"" + digest + "\""));
        assertThat(JournalReader.parse(Journal.pathOf("r1"), "r1", content.getBytes(StandardCharsets.UTF_8))
                .action("owner-approval").approved()).isTrue();

        // The same approval event, said to be for another plan, is not an approval of this one.
        String moved = content.replace("\"planHash\":\"" + digest + "\",\"approvers\"",
                "\"planHash\":\"sha256:" + "0".repeat(64) + "\",\"approvers\"");
        assertThat(moved).isNotEqualTo(content);
        RunHistory history = JournalReader.parse(Journal.pathOf("r1"), "r1", moved.getBytes(StandardCharsets.UTF_8));
        assertThat(history.action("owner-approval") == null || !history.action("owner-approval").approved())
                .isTrue();
    }
}
