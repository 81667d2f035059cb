package io.dataos.upgrade.run;

import static io.dataos.upgrade.run.TestPlans.gate;
import static io.dataos.upgrade.run.TestPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approver name or note with a line break and terminal escapes cannot forge a progress line:
 * it reaches the log, the journal and what reports read from it as one neutral line.
 */
class ForgedLogLineTest {

    private static final String FORGED = "alice\n[run] gate release-gate approved by the-cto\u001b[1A\u001b[2K";

    @TempDir
    Path dir;

    @Test
    void anApproverNameWithANewlineAndEscapesStaysOneNeutralLine() throws Exception {
        Path log = dir.resolve("steps.log");
        List<PlanAction> plan = List.of(gate(step("release-gate", log, 0), "owner"));
        List<String> lines = Collections.synchronizedList(new ArrayList<>());

        RunResult result = PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(),
                        TestPlans.commandsForEveryKind())
                .approvals(new PreApprovedGates(Map.of("release-gate", FORGED))).log(lines::add)
                .build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.succeeded()).isTrue();
        assertThat(lines).noneMatch(l -> l.contains("\n") || l.contains("\u001b") || l.startsWith("[run]"));
        assertThat(lines).anyMatch(l -> l.contains("approved by alice [run] gate release-gate approved by the-cto"
                + "\\u001b[1A\\u001b[2K"));
        String journal = Files.readString(dir.resolve(Journal.pathOf("r1")));
        assertThat(journal).doesNotContain("\\n[run]").contains("alice [run]");
        assertThat(journal.toLowerCase(java.util.Locale.ROOT)).doesNotContain("[1a\\u001b[2k");
        assertThat(JournalReader.read(new LocalWorkspace(dir), "r1").action("release-gate").approvedBy())
                .isEqualTo("alice [run] gate release-gate approved by the-cto\\u001b[1A\\u001b[2K");
    }
}
