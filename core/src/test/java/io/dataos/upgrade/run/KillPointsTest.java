package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after SIGKILL, with the plan run in a real child JVM (parallelism 2, release lock held,
 * one approval gate): killed right after every durable journal write of an uninterrupted run
 * (every action boundary, and just before each command is spawned), and while each action's
 * command runs. Each time a resumed run must finish the plan with every action's effect present
 * exactly once, nothing skipped, the dead run's lock taken over and commands it left running
 * waited for.
 */
class KillPointsTest {

    private static final String RUN = "kill-run";
    private static final List<String> IDS = List.of("prepare", "owner-gate", "left", "right", "verify");
    private static final java.util.Set<String> DURABLE = java.util.Set.of("run-started", "action-approved",
            "action-started", "command-started", "action-succeeded");

    @TempDir
    Path root;

    /**
     * prepare -> gate -> (left, right) -> verify. Each action appends "start:ID" to marker.steps,
     * sleeps, then "done:ID" to marker; "left" sleeps at least 0.8 s, so kills during "right"
     * leave it running.
     */
    private static List<PlanAction> plan(Path dir, double sleep) {
        Path marker = dir.resolve("marker");
        return List.of(
                action("prepare", marker, sleep),
                TestPlans.gate(action("owner-gate", marker, sleep, "prepare"), "core-owner"),
                action("left", marker, Math.max(sleep, 0.8), "owner-gate"),
                action("right", marker, sleep, "owner-gate"),
                action("verify", marker, sleep, "left", "right"));
    }

    private static PlanAction action(String id, Path marker, double sleep, String... deps) {
        PlanAction action = TestPlans.command(id, List.of(deps), "sh", "-c",
                "echo start:$1 >> \"$2.steps\"; sleep $3; echo done:$1 >> \"$2\"", "sh", id, marker.toString(),
                String.format(Locale.ROOT, "%.2f", sleep));
        return TestPlans.withDoneCheck(action, "grep", "-qx", "done:" + id, marker.toString());
    }

    @Test
    void resumeAfterKillAtEveryDurableJournalWriteRunsEachActionExactlyOnce() throws Exception {
        Path reference = Files.createDirectories(root.resolve("reference"));
        ChildJvm uninterrupted = start(reference, 0.05, 0);
        assertThat(uninterrupted.awaitLine("RESULT ")).isEqualTo("RESULT SUCCEEDED");
        List<JournalEvent> events = JournalReader.read(new LocalWorkspace(reference), RUN).events();
        // Informational events (planned, lock, command pid and end) are written with the next durable
        // event, so killing after them adds no new state on disk: kill after each durable write.
        List<Integer> durable = new ArrayList<>();
        for (JournalEvent event : events.subList(0, events.size() - 1)) {
            if (DURABLE.contains(event.typeName())) {
                durable.add((int) event.seq());
            }
        }

        // Kill points are independent (own workspace each): run a few at once, the children mostly wait.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<String>> points = new ArrayList<>();
        for (int seq : durable) {
            points.add(pool.submit(() -> killAfterEventAndResume(seq)));
        }
        pool.shutdown();
        Map<String, Integer> killedAfter = new TreeMap<>();
        int halted = 0;
        for (Future<String> point : points) {
            String type = point.get(5, TimeUnit.MINUTES);
            if (type != null) {
                killedAfter.merge(type, 1, Integer::sum);
                halted++;
            }
        }

        System.out.println("kill points after durable journal writes: " + halted + " (of the " + events.size()
                + " events of an uninterrupted run, the others ride on the next durable write); by event type: "
                + killedAfter);
        assertThat(halted).isEqualTo(durable.size()).isEqualTo(17);
        assertThat(killedAfter.keySet()).contains("run-started", "action-approved", "action-started",
                "command-started", "action-succeeded");
    }

    @Test
    void resumeAfterKillWhileEachActionsCommandRunsRunsEachActionExactlyOnce() throws Exception {
        int foundRunning = 0;
        for (String id : IDS) {
            Path dir = Files.createDirectories(root.resolve("mid-" + id));
            ChildJvm child = start(dir, 0.4, 0);
            Path steps = dir.resolve("marker.steps");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!(Files.exists(steps) && Files.readString(steps).contains("start:" + id))) {
                assertThat(System.nanoTime()).as("child reached " + id).isLessThan(deadline);
                Thread.sleep(2);
            }
            child.process().destroyForcibly(); // SIGKILL on Linux
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

            RunResult resumed = resume(dir, 0.4);

            assertExactlyOnceAndNothingSkipped(dir, resumed, "killed while " + id + " ran");
            if (JournalReader.read(new LocalWorkspace(dir), RUN).events().stream()
                    .anyMatch(e -> e.is(EventType.COMMAND_OUTLIVED_RUN) && id.equals(e.actionId()))) {
                foundRunning++;
            }
        }
        System.out.println("kill points while a command ran: " + IDS.size() + "; the resumed run found the killed"
                + " run's command still running and waited for it in " + foundRunning);
        assertThat(foundRunning).as("resumes that had to wait for a leftover command").isPositive();
    }

    /** Kills a child right after journal event {@code seq} is durable, resumes, checks; returns the event's type. */
    private String killAfterEventAndResume(int seq) throws Exception {
        Path dir = Files.createDirectories(root.resolve("kill-" + seq));
        ChildJvm child = start(dir, 0.05, seq);
        String line = child.awaitLine("HALTED ", "RESULT ");
        child.process().destroyForcibly(); // SIGKILL on Linux
        assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        if (line.startsWith("RESULT ")) {
            return null; // this event was written along with a later one: no separate kill point
        }
        String type = line.split(" ")[2];

        RunResult resumed = resume(dir, 0.05);

        assertExactlyOnceAndNothingSkipped(dir, resumed, "killed after event " + seq + " (" + type + ")");
        RunHistory history = JournalReader.read(new LocalWorkspace(dir), RUN);
        assertThat(history.events()).as("the stale lock of the killed run was taken over and journaled")
                .anyMatch(e -> e.is(EventType.LOCK_ACQUIRED) && e.fields().has("takenOverFrom"));
        return type;
    }

    private void assertExactlyOnceAndNothingSkipped(Path dir, RunResult resumed, String when) throws Exception {
        assertThat(resumed.status()).as(when).isEqualTo(RunStatus.SUCCEEDED);
        List<String> done = Files.readAllLines(dir.resolve("marker"));
        assertThat(done).as(when + ": each action's effect exactly once")
                .containsExactlyInAnyOrderElementsOf(IDS.stream().map(id -> "done:" + id).toList());
        RunHistory history = JournalReader.read(new LocalWorkspace(dir), RUN);
        for (String id : IDS) {
            assertThat(history.state(id)).as(when + ": " + id).isEqualTo(ActionState.SUCCEEDED);
        }
        assertThat(resumed.inState(ActionState.SKIPPED)).as(when).isEmpty();
        assertThat(dir.resolve(RunLock.fileOf("dataos"))).as(when + ": lock released").doesNotExist();
    }

    private RunResult resume(Path dir, double sleep) throws Exception {
        return PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .parallelism(2)
                .approvals(new PreApprovedGates(Map.of("owner-gate", "alice")))
                .build()
                .run(new RunRequest(RUN, "kill-plan", plan(dir, sleep), false, "kill-test", "dataos", null));
    }

    private ChildJvm start(Path dir, double sleep, long haltAfter) throws Exception {
        Path planFile = dir.resolve("plan.json");
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planId", "kill-plan");
        plan.put("actions", plan(dir, sleep));
        Files.writeString(planFile, TestPlans.json(plan));
        return ChildJvm.start(ExecutorProcessMain.class, dir.toString(), planFile.toString(), RUN, "2",
                String.valueOf(haltAfter), "dataos", "owner-gate=alice");
    }
}
