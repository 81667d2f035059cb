package io.dataos.upgrade.cli.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent wrapper with real processes: a wrapper JVM running small scripts as the engine. */
class WrapperTest {

    @TempDir
    Path dir;

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private Process wrapper(Path run, int grace, String... child) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Wrapper.class.getName(), run.toString(),
                Integer.toString(grace), "--"));
        command.addAll(List.of(child));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("wrapper.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    private static void await(Path file, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(file) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(file).exists();
    }

    /**
     * Whether process {@code pid} still runs after up to {@code seconds}: a killed process whose parent died too
     * stays a zombie until init reaps it, and where init does not reap (some containers) it stays one; a zombie
     * runs nothing.
     */
    private static boolean runningAfter(long pid, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            boolean running;
            try {
                String text = Files.readString(stat);
                running = text.charAt(text.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException gone) {
                running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            }
            if (!running || System.nanoTime() > deadline) {
                return running;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anEngineExitingThreeLeavesItsOutputLogPidAndStatusOwnerOnly() throws Exception {
        Path run = dir.resolve("run");
        Path engine = script("engine", "echo '{\"status\":\"WAITING_FOR_APPROVAL\"}'\necho progress >&2\nexit 3\n");

        Process wrapper = wrapper(run, 5, engine.toString());

        assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(3);
        assertThat(read(run.resolve("status"))).isEqualTo("3");
        assertThat(read(run.resolve("result.json"))).isEqualTo("{\"status\":\"WAITING_FOR_APPROVAL\"}");
        assertThat(read(run.resolve("engine.log"))).isEqualTo("progress");
        assertThat(read(run.resolve("pid"))).matches("[0-9]+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run))).isEqualTo("rwx------");
        for (String name : List.of("engine.log", "result.json", "pid", "status", "heartbeat")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.resolve(name)))).as(name)
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void runFoldersUntouchedForAWeekArePrunedAndNothingElseBesideThem() throws Exception {
        Path runs = dir.resolve("runs");
        FileTime old = FileTime.from(Instant.now().minus(AgentRun.KEEP_FINISHED).minusSeconds(3600));
        Path crashed = oldRun(runs.resolve("crashed"), old, "engine.log", "status");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep"), "not a run's");
        Files.createSymbolicLink(crashed.resolve("link"), outside);
        Files.setLastModifiedTime(crashed, old);
        Path recent = oldRun(runs.resolve("recent"), old, "engine.log");
        Files.writeString(recent.resolve("heartbeat"), "7\n"); // beat just now: a live run
        Path notARun = oldRun(runs.resolve("operator-notes"), old, "notes.txt");
        Path engine = script("engine", "exit 0\n");

        Process wrapper = wrapper(runs.resolve("this-run"), 5, engine.toString());

        assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(crashed).doesNotExist();
        assertThat(outside.resolve("keep")).hasContent("not a run's");
        assertThat(recent).isDirectory();
        assertThat(notARun.resolve("notes.txt")).exists();
        assertThat(Files.readString(runs.resolve("this-run/engine.log")))
                .contains("removed 1 run folder(s) untouched for 7 days: crashed");
    }

    /** A folder holding {@code files}, all of them and the folder last modified at {@code time}. */
    private static Path oldRun(Path run, FileTime time, String... files) throws IOException {
        Files.createDirectories(run);
        for (String name : files) {
            Files.writeString(run.resolve(name), name);
            Files.setLastModifiedTime(run.resolve(name), time);
        }
        Files.setLastModifiedTime(run, time);
        return run;
    }

    @Test
    void secretsLeftForTheEngineReachItsEnvironmentOnlyAndTheFileIsGoneBeforeItRuns() throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        // a key spanning two lines, with '=' in it: the file's format must carry any value
        String key = "wrapper-k3y-4e1b" + "\n" + "and=more";
        Files.writeString(run.resolve("secrets"), "PRIME_API_KEY=" + java.util.Base64.getEncoder().encodeToString(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\n");
        Path engine = script("engine", "ls \"$(dirname \"$0\")/run\" >&2\nprintf '%s' \"$PRIME_API_KEY\" > \""
                + dir.resolve("seen") + "\"\necho '{}'\n");

        Process wrapper = wrapper(run, 5, engine.toString());

        assertThat(wrapper.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read(run.resolve("status"))).isEqualTo("0");
        assertThat(Files.readString(dir.resolve("seen"))).isEqualTo(key);
        assertThat(run.resolve("secrets")).doesNotExist();
        assertThat(read(run.resolve("engine.log"))).as("what the engine found in the run folder")
                .doesNotContain("secrets");
    }

    @Test
    void aStopRequestSendsSigtermAndTheHeartbeatMovesWhileTheEngineRuns() throws Exception {
        Path run = dir.resolve("run");
        Path engine = script("engine", "trap 'echo stopping >&2; exit 143' TERM\nwhile true; do sleep 0.1; done\n");

        Process wrapper = wrapper(run, 30, engine.toString());
        await(run.resolve("heartbeat"), 30);
        String first = read(run.resolve("heartbeat"));
        Thread.sleep(6_000);
        String later = read(run.resolve("heartbeat"));
        Files.writeString(run.resolve("stop"), "");

        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).as("stopped well before the 30 s grace").isTrue();
        assertThat(Long.parseLong(later)).isGreaterThan(Long.parseLong(first));
        assertThat(read(run.resolve("status"))).isEqualTo("143");
        assertThat(read(run.resolve("engine.log"))).contains("stop requested", "stopping");
    }

    @Test
    void anEngineIgnoringSigtermIsKilledWithItsChildrenAfterTheGracePeriod() throws Exception {
        Path run = dir.resolve("run");
        Path engine = script("engine", "trap '' TERM\nsleep 300 &\necho $! > '" + dir.resolve("grandchild")
                + "'\nwhile true; do sleep 0.1; done\n");

        Process wrapper = wrapper(run, 2, engine.toString());
        await(dir.resolve("grandchild"), 30);
        long grandchild = Long.parseLong(read(dir.resolve("grandchild")));
        long t0 = System.nanoTime();
        Files.writeString(run.resolve("stop"), "");

        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(millis).as("killed after the 2 s grace, not before").isBetween(1_500L, 10_000L);
        assertThat(read(run.resolve("status"))).isEqualTo("137");
        assertThat(runningAfter(grandchild, 5)).as("the engine's own child is killed too").isFalse();
        assertThat(read(run.resolve("engine.log"))).contains("did not stop within 2 s");
    }

    @Test
    void sigtermToTheWrapperIsForwardedAndTheStatusStillWritten() throws Exception {
        Path run = dir.resolve("run");
        Path engine = script("engine", "trap 'exit 143' TERM\nwhile true; do sleep 0.1; done\n");

        Process wrapper = wrapper(run, 30, engine.toString());
        await(run.resolve("pid"), 30);
        wrapper.destroy();

        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(read(run.resolve("status"))).isEqualTo("143");
    }

    @Test
    void aKilledWrapperLeavesAStaleHeartbeatAndNoStatus() throws Exception {
        Path run = dir.resolve("run");
        Path engine = script("engine", "sleep 20\n");

        Process wrapper = wrapper(run, 5, engine.toString());
        await(run.resolve("heartbeat"), 30);
        long pid = Long.parseLong(read(run.resolve("pid")));
        wrapper.destroyForcibly();
        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String beat = read(run.resolve("heartbeat"));
        Thread.sleep(6_000);

        assertThat(read(run.resolve("heartbeat"))).as("nobody beats any more").isEqualTo(beat);
        assertThat(run.resolve("status")).doesNotExist();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    @Test
    void javaVersionsAreReadAsTheirFeatureNumber() {
        assertThat(Wrapper.feature("1.8")).isEqualTo(8);
        assertThat(Wrapper.feature("11")).isEqualTo(11);
        assertThat(Wrapper.feature("17")).isEqualTo(17);
        assertThat(Wrapper.feature("21.0.2")).isEqualTo(21);
        assertThat(Wrapper.feature("")).isZero();
    }
}
