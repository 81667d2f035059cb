package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void stopChildren() throws Exception {
        for (ChildJvm child : children) {
            child.process().destroyForcibly();
            child.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private LocalWorkspace workspace() {
        return new LocalWorkspace(dir);
    }

    private ChildJvm holder(String runId) throws Exception {
        ChildJvm child = ChildJvm.start(LockProcessMain.class, dir.toString(), "dataos", runId, "-1");
        children.add(child);
        assertThat(child.awaitLine("ACQUIRED")).isEqualTo("ACQUIRED -");
        return child;
    }

    private RunLock acquire(String runId, Duration staleAfter, Clock clock) throws Exception {
        return RunLock.acquire(workspace(), "dataos", LockHolder.current(runId, "tester", clock), staleAfter, clock);
    }

    @Test
    void secondRunOfTheSameReleaseIsRefusedNamingTheHolder() throws Exception {
        ChildJvm first = holder("upgrade-41");

        assertThatThrownBy(() -> acquire("upgrade-42", Duration.ofHours(12), Clock.systemUTC()))
                .isInstanceOf(RunLockedException.class)
                .hasMessageContaining("release 'dataos' is locked by run 'upgrade-41' started by lock-test")
                .hasMessageContaining("pid " + first.pid())
                .hasMessageContaining("host " + LocalHost.name())
                .hasMessageContaining(".dataos-upgrade/locks/dataos.lock")
                .hasMessageContaining("wait for it to finish");
        assertThat(LockHolder.parse(Files.readAllBytes(dir.resolve(RunLock.fileOf("dataos")))).runId())
                .isEqualTo("upgrade-41");
    }

    @Test
    void secondExecutorRunIsRefusedBeforeItWritesOrRunsAnything() throws Exception {
        holder("upgrade-41");
        Path marker = dir.resolve("ran");
        PlanExecutor executor = PlanExecutor.builder(workspace(), new LocalCommandRunner(),
                TestPlans.commandsForEveryKind()).build();

        assertThatThrownBy(() -> executor.run(RunRequest.of("upgrade-42", "p", List.of(TestPlans.command("a", List.of(),
                "touch", marker.toString()))).lockingRelease("dataos")))
                .isInstanceOf(RunLockedException.class)
                .hasMessageContaining("upgrade-41");
        assertThat(marker).doesNotExist();
        assertThat(dir.resolve(Journal.pathOf("upgrade-42"))).doesNotExist();
    }

    @Test
    void lockOfAKilledRunIsDetectedAsStaleAndTakenOver() throws Exception {
        ChildJvm dead = holder("upgrade-41");
        dead.process().destroyForcibly();
        assertThat(dead.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        RunLock lock = acquire("upgrade-42", Duration.ofHours(12), Clock.systemUTC());

        assertThat(lock.takenOverFrom().runId()).isEqualTo("upgrade-41");
        assertThat(lock.takenOverFrom().pid()).isEqualTo(dead.pid());
        assertThat(lock.takeOverReason()).contains("process " + dead.pid() + " is no longer running");
        assertThat(LockHolder.parse(Files.readAllBytes(dir.resolve(lock.file()))).runId()).isEqualTo("upgrade-42");
        lock.release();
        assertThat(dir.resolve(lock.file())).doesNotExist();
    }

    @Test
    void lockOlderThanTheLimitIsStaleEvenWhileItsHolderLives() throws Exception {
        holder("upgrade-41");
        Clock muchLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(13));

        RunLock lock = acquire("upgrade-42", Duration.ofHours(12), muchLater);

        assertThat(lock.takenOverFrom().runId()).isEqualTo("upgrade-41");
        assertThat(lock.takeOverReason()).contains("older than the stale-lock limit of PT12H");
    }

    @Test
    void lockWhosePidNowBelongsToAnotherProgramIsStale() throws Exception {
        LockHolder reused = new LockHolder("upgrade-41", "x", LocalHost.name(), LocalHost.pid(),
                "2001-01-01T00:00:00Z", Instant.now());
        Files.createDirectories(dir.resolve(RunLock.LOCKS_DIR));
        Files.write(dir.resolve(RunLock.fileOf("dataos")), reused.toBytes());

        RunLock lock = acquire("upgrade-42", Duration.ofHours(12), Clock.systemUTC());

        assertThat(lock.takenOverFrom().runId()).isEqualTo("upgrade-41");
    }

    @Test
    void ofSeveralProcessesRacingForAStaleLockExactlyOneTakesItOver() throws Exception {
        // A lock left by a process that is gone: the pid is ours, the recorded start time is not.
        LockHolder gone = new LockHolder("crashed-run", "x", LocalHost.name(), LocalHost.pid(),
                "2001-01-01T00:00:00Z", Instant.now());
        Files.createDirectories(dir.resolve(RunLock.LOCKS_DIR));
        Files.write(dir.resolve(RunLock.fileOf("dataos")), gone.toBytes());
        Path go = dir.resolve("go");
        List<ChildJvm> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ChildJvm racer = ChildJvm.start(LockProcessMain.class, dir.toString(), "dataos", "racer-" + i, "3000",
                    go.toString());
            children.add(racer);
            racers.add(racer);
        }
        for (ChildJvm racer : racers) {
            racer.awaitLine("READY");
        }
        Files.writeString(go, "go");

        List<String> outcomes = new ArrayList<>();
        for (ChildJvm racer : racers) {
            String line = racer.awaitLine("ACQUIRED", "REFUSED");
            outcomes.add(line);
        }
        assertThat(outcomes).filteredOn(l -> l.equals("ACQUIRED crashed-run")).hasSize(1);
        assertThat(outcomes).filteredOn(l -> l.startsWith("REFUSED")).hasSize(3);
        assertThat(outcomes).filteredOn(l -> l.startsWith("REFUSED")).allMatch(l -> l.contains("racer-"));
    }

    @Test
    void releasingLeavesALockSomeoneElseTookOver() throws Exception {
        RunLock mine = acquire("upgrade-41", Duration.ofHours(12), Clock.systemUTC());
        LockHolder other = new LockHolder("upgrade-42", "y", "elsewhere", 1, null, Instant.now());
        Files.write(dir.resolve(mine.file()), other.toBytes());

        mine.release();

        assertThat(new String(Files.readAllBytes(dir.resolve(mine.file())), StandardCharsets.UTF_8))
                .contains("upgrade-42");
    }

    @Test
    void releaseNameThatCouldLeaveTheLocksFolderIsRefused() {
        assertThatThrownBy(() -> RunLock.fileOf("../../etc/passwd"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("release");
    }
}
