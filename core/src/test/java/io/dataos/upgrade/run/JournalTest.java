package io.dataos.upgrade.run;

import static io.dataos.upgrade.run.TestPlans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    private Path journalFile(String runId) {
        return dir.resolve(Journal.pathOf(runId));
    }

    private RunResult run(String runId, List<PlanAction> plan) throws Exception {
        return PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .build().run(RunRequest.of(runId, "plan-1", plan).by("ops@example"));
    }

    @Test
    void everyLineIsOneEventWithSequenceTimeRunIdAndType() throws Exception {
        run("r1", List.of(step("a", dir.resolve("log"), 0), step("b", dir.resolve("log"), 0, "a")));

        List<String> lines = Files.readAllLines(journalFile("r1"));
        long expected = 1;
        for (String line : lines) {
            var node = TestPlans.JSON.readTree(line);
            assertThat(node.get("seq").asLong()).isEqualTo(expected++);
            assertThat(Instant.parse(node.get("time").asText())).isNotNull();
            assertThat(node.get("runId").asText()).isEqualTo("r1");
            assertThat(EventType.of(node.get("type").asText())).isNotNull();
        }
        assertThat(lines.get(0)).contains("\"type\":\"run-started\"", "\"planId\":\"plan-1\"",
                "\"planHash\":\"sha256:", "\"startedBy\":\"ops@example\"", "\"dryRun\":false");
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"run-finished\"", "\"status\":\"SUCCEEDED\"");
    }

    @Test
    void readerGivesEachActionsFinalState() throws Exception {
        Path log = dir.resolve("log");
        run("r1", List.of(step("ok", log, 0), TestPlans.failing("bad", log, 1, "nope", "ok"),
                step("never", log, 0, "bad")));

        RunHistory history = JournalReader.read(new LocalWorkspace(dir), "r1");

        assertThat(history.state("ok")).isEqualTo(ActionState.SUCCEEDED);
        assertThat(history.state("bad")).isEqualTo(ActionState.FAILED);
        assertThat(history.action("bad").lastError()).contains("exited 1");
        assertThat(history.state("never")).isEqualTo(ActionState.SKIPPED);
        assertThat(history.planId()).isEqualTo("plan-1");
        assertThat(history.lastStatus()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void lastLineCutShortByACrashIsSkipped() throws Exception {
        Path log = dir.resolve("log");
        run("r1", List.of(step("a", log, 0)));
        long complete = Files.readAllLines(journalFile("r1")).size();
        Files.writeString(journalFile("r1"), "{\"seq\":99,\"time\":\"2024-01-0", StandardOpenOption.APPEND);

        RunHistory history = JournalReader.read(new LocalWorkspace(dir), "r1");

        assertThat(history.events()).hasSize((int) complete);
        assertThat(history.endsMidLine()).isTrue();
        assertThat(history.fragmentsSkipped()).isEqualTo(1);
        assertThat(history.state("a")).isEqualTo(ActionState.SUCCEEDED);
    }

    @Test
    void resumingAfterACutShortLineStartsOnAFreshLineAndStaysReadable() throws Exception {
        Path log = dir.resolve("log");
        List<PlanAction> plan = List.of(step("a", log, 0), TestPlans.failing("b", log, 1, "x", "a"));
        run("r1", plan);
        Files.writeString(journalFile("r1"), "{\"seq\":99,\"ti", StandardOpenOption.APPEND);

        run("r1", plan);

        String text = Files.readString(journalFile("r1"));
        assertThat(text).contains("{\"seq\":99,\"ti\n{");
        RunHistory history = JournalReader.read(new LocalWorkspace(dir), "r1");
        assertThat(history.attempts()).isEqualTo(2);
        assertThat(history.fragmentsSkipped()).isEqualTo(1);
        assertThat(history.events().stream().filter(e -> e.is(EventType.RUN_STARTED)).skip(1).findFirst()
                .orElseThrow().number("skippedCutShortLines", 0)).isEqualTo(1);
        assertThat(history.action("a").starts()).isEqualTo(1);
    }

    @Test
    void damagedLineInTheMiddleIsRefusedWithItsLineNumber() throws Exception {
        run("r1", List.of(step("a", dir.resolve("log"), 0), step("b", dir.resolve("log"), 0)));
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(journalFile("r1")));
        lines.set(3, "edited by hand");
        Files.write(journalFile("r1"), lines);

        assertThatThrownBy(() -> JournalReader.read(new LocalWorkspace(dir), "r1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(".dataos-upgrade/runs/r1/journal.jsonl: line 4");
    }

    @Test
    void eventsOfAnotherRunAreRefused() {
        byte[] line = ("{\"seq\":1,\"time\":\"2024-01-01T00:00:00Z\",\"runId\":\"other\",\"type\":\"run-started\"}\n")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JournalReader.parse("j.jsonl", "r1", line))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line 1.runId");
    }

    @Test
    void eventTypesFromANewerVersionAreIgnored() {
        byte[] lines = ("{\"seq\":1,\"time\":\"2024-01-01T00:00:00Z\",\"runId\":\"r1\",\"type\":\"action-started\","
                + "\"action\":\"a\"}\n{\"seq\":2,\"time\":\"2024-01-01T00:00:01Z\",\"runId\":\"r1\","
                + "\"type\":\"action-teleported\",\"action\":\"a\"}\n").getBytes(StandardCharsets.UTF_8);

        RunHistory history = JournalReader.parse("j.jsonl", "r1", lines);

        assertThat(history.state("a")).isEqualTo(ActionState.STARTED);
        assertThat(history.lastSeq()).isEqualTo(2);
    }
}
