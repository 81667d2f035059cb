package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume after SIGKILL, with the plan run in a real child JVM: killed after every journal event of
 * an uninterrupted run (every action boundary; just before each command is spawned; while each
 * command runs; after it ended but before its action's outcome was written), and once at an
 * arbitrary moment while a command runs; each time a resumed run must finish the plan
 * with every action's effect present exactly once and nothing skipped.
 */
class KillPointsTest {

    private static final String RUN = "kill-run";

    @TempDir
    Path root;

    /** prepare -> gate -> (left, right) -> verify; each action appends "done:ID" to the marker once it ran. */
    private List<PlanAction> plan(Path dir) {
        Path marker = dir.resolve("marker");
        return List.of(
                action("prepare", marker),
                TestPlans.gate(action("owner-gate", marker, "prepare"), "core-owner"),
                action("left", marker, "owner-gate"),
                action("right", marker, "owner-gate"),
                action("verify", marker, "left", "right"));
    }

    private static PlanAction action(String id, Path marker, String... deps) {
        // 'left' outlives its killed parent long enough for the resumed run to find it still running.
        String sleep = id.equals("left") ? "0.8" : "0.05";
        PlanAction action = TestPlans.command(id, List.of(deps), "sh", "-c",
                "echo start:$1 >> \"$2.steps\"; sleep $3; echo done:$1 >> \"$2\"", "sh", id, marker.toString(), sleep);
        return TestPlans.withDoneCheck(action, "grep", "-qx", "done:" + id, marker.toString());
    }

    @Test
    void resumeAfterKillAtEveryJournalEventRunsEachActionExactlyOnce() throws Exception {
        Path reference = Files.createDirectories(root.resolve("reference"));
        Process uninterrupted = start(reference, 0);
        String output = new String(uninterrupted.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(uninterrupted.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(uninterrupted.exitValue()).as(output).isZero();
        int events = JournalReader.read(new LocalWorkspace(reference), RUN).events().size();

        // Kill points are independent (own workspace each): run a few at once, the children mostly wait.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<String>> points = new ArrayList<>();
        for (int seq = 1; seq < events; seq++) {
            int killAfter = seq;
            points.add(pool.submit(() -> killAndResume(killAfter)));
        }
        pool.shutdown();
        Map<String, Integer> killedAfter = new TreeMap<>();
        int midCommand = 0;
        for (java.util.concurrent.Future<String> point : points) {
            String type = point.get(5, TimeUnit.MINUTES);
            killedAfter.merge(type, 1, Integer::sum);
            if (type.equals(EventType.COMMAND_RUNNING.wireName())) {
                midCommand++;
            }
        }

        System.out.println("kill points covered: " + (events - 1) + " (after every journal event of a "
                + events + "-event run; " + midCommand + " while a command was running); by event type: "
                + killedAfter);
        assertThat(killedAfter.keySet()).contains("run-started", "lock-acquired", "action-planned",
                "action-approved", "action-started", "command-started", "command-running", "command-finished",
                "action-succeeded");
        assertThat(midCommand).isEqualTo(5);
    }

    /** Kills a child right after journal event {@code seq}, resumes, checks; returns the event's type. */
    private String killAndResume(int seq) throws Exception {
        Path dir = Files.createDirectories(root.resolve("kill-" + seq));
        Process child = start(dir, seq);
        String halted = awaitLine(child, "HALTED ");
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String type = halted.split(" ")[2];
        String killedIn = halted.split(" ")[3];

        RunResult resumed = resume(dir);

        assertExactlyOnceAndNothingSkipped(dir, resumed, "killed after event " + seq + " (" + type + ")");
        RunHistory history = JournalReader.read(new LocalWorkspace(dir), RUN);
        assertThat(history.events()).as("the stale lock of the killed run was taken over and journaled")
                .anyMatch(e -> e.is(EventType.LOCK_ACQUIRED) && e.fields().has("takenOverFrom"));
        if (type.equals(EventType.COMMAND_RUNNING.wireName()) && killedIn.equals("left")) {
            assertThat(history.events()).as("the resumed run waited for the command the killed one left running")
                    .anyMatch(e -> e.is(EventType.COMMAND_OUTLIVED_RUN) && "left".equals(e.actionId()));
        }
        return type;
    }

    @Test
    void resumeAfterKillAtAnArbitraryMomentWhileCommandsRun() throws Exception {
        Path dir = Files.createDirectories(root.resolve("arbitrary"));
        Process child = start(dir, 0);
        Path steps = dir.resolve("marker.steps");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(Files.exists(steps) && Files.readString(steps).contains("start:left"))) {
            assertThat(System.nanoTime()).as("child reached 'left'").isLessThan(deadline);
            Thread.sleep(5);
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

        RunResult resumed = resume(dir);

        assertExactlyOnceAndNothingSkipped(dir, resumed, "killed while 'left' ran");
    }

    private void assertExactlyOnceAndNothingSkipped(Path dir, RunResult resumed, String when) throws Exception {
        assertThat(resumed.status()).as(when).isEqualTo(RunStatus.SUCCEEDED);
        List<String> done = Files.readAllLines(dir.resolve("marker"));
        assertThat(done).as(when + ": each action's effect exactly once")
                .containsExactlyInAnyOrder("done:prepare", "done:owner-gate", "done:left", "done:right", "done:verify");
        RunHistory history = JournalReader.read(new LocalWorkspace(dir), RUN);
        for (PlanAction action : plan(dir)) {
            assertThat(history.state(action.id())).as(when + ": " + action.id()).isEqualTo(ActionState.SUCCEEDED);
        }
        assertThat(resumed.inState(ActionState.SKIPPED)).as(when).isEmpty();
        assertThat(dir.resolve(RunLock.fileOf("dataos"))).as(when + ": lock released").doesNotExist();
    }

    private RunResult resume(Path dir) throws Exception {
        return PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .parallelism(2)
                .approvals(new PreApprovedGates(Map.of("owner-gate", "alice")))
                .build()
                .run(new RunRequest(RUN, "kill-plan", plan(dir), false, "kill-test", "dataos", null));
    }

    private Process start(Path dir, long haltAfter) throws IOException {
        Path planFile = dir.resolve("plan.json");
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("planId", "kill-plan");
        plan.put("actions", plan(dir));
        Files.writeString(planFile, TestPlans.json(plan));
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", childClassPath(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto",
                ExecutorProcessMain.class.getName(), dir.toString(),
                planFile.toString(), RUN, "2", String.valueOf(haltAfter), "dataos", "owner-gate=alice"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitLine(Process child, String prefix) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("child ended without printing '" + prefix + "': " + String.join("\n", seen));
    }

    /** The test class path without the test frameworks the child does not load. */
    private static String childClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("jackson") || entry.endsWith("classes") || entry.contains("snakeyaml")
                    || entry.contains("java-semver")) {
                kept.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, kept);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
