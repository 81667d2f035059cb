package io.jenkins.plugins.dataos;

import static io.jenkins.plugins.dataos.RunbookFixture.KEY;
import static io.jenkins.plugins.dataos.RunbookFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.Result;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durable part of every step, with real processes: the engine jar copied to the agent, the wrapper and the
 * engine as child JVMs, a controller restart while helm runs (the execution written out, dropped, read back and
 * resumed), an abort, an engine killed outright, a missing Java, and arguments the launcher would expand.
 */
class EngineExecutionTest extends RunbookPlatformTest {

    static final String WINDOW_GATE = "prepare.approve-window";




    @Override
    RunbookFixture running(RunbookFixture fresh) throws IOException {
        return fresh.runningRelease14();
    }

    @AfterEach
    void stop() throws Exception {
        EngineExecution.staleMillis = 90_000;
        EngineExecution.reconnectMillis = 300_000;
        TestStepContext.USERS.clear();
        killEngines();
    }

    private static DataosUpgradeStep upgrade(String approver) {
        DataosUpgradeStep step = new DataosUpgradeStep("releases/dataos-1.5.0.yaml", "values/dataos-manager.yaml",
                "dataos-prime-key", "state/installed.yaml");
        step.setPostgresCredentialsId("dataos-postgres-password");
        step.setSecrets(List.of(new SecretCredential("grafana-token", "dataos-grafana-token")));
        step.setAutoRollback(false);
        step.setRunId("build-7");
        step.setMaintenanceWindow(Steps.windowOpenNow());
        step.setApprovals(List.of(new Approval(WINDOW_GATE, approver)));
        return step;
    }

    @Test
    void controllerRestartWhileHelmRunsReattachesToTheSameEngineAndReturnsItsResult() throws Exception {
        Path marks = slowHelm(6);
        TestStepContext before = new TestStepContext(workspace, agent);
        StepExecution running = startUntilHelmRuns(before, marks);
        Optional<Long> engine = enginePid();

        byte[] saved = serialize(running);
        before.stopController();
        StepExecution resumed = deserialize(saved);
        resumed.onResume();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) before.await();

        assertThat(result).containsEntry("status", "SUCCEEDED").containsEntry("runId", "build-7");
        assertThat(platform.clis.calls("helm", "upgrade")).hasSize(1);
        assertThat(before.log()).contains("dataosUpgrade: SUCCEEDED");
        for (String secret : List.of(KEY, TOKEN, postgres.password().reveal())) {
            assertThat(new String(saved, StandardCharsets.ISO_8859_1)).as("serialized execution").doesNotContain(secret);
            assertThat(before.log()).doesNotContain(secret);
            assertThat(Steps.filesContaining(agent, secret)).as("agent files holding a secret").isEmpty();
        }
        assertThat(files(agent.resolve("dataos-upgrade/runs"))).as("the run folder, secrets file and all").isEmpty();
        assertThat(engine).map(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .hasValue(false);
    }

    @Test
    void afterARestartTheStepWaitsForItsAgentToReconnectAndFailsOnlyWhenItDoesNotComeBack() throws Exception {
        Path marks = slowHelm(3);
        TestStepContext before = new TestStepContext(workspace, agent);
        StepExecution running = startUntilHelmRuns(before, marks);
        byte[] saved = serialize(running);
        before.stopController();

        before.build().agentOnline = false;
        deserialize(saved).onResume();
        Thread.sleep(6_000); // the engine finishes meanwhile, on the agent
        assertThat(before.isDone()).as("the step waits for its agent").isFalse();
        before.build().agentOnline = true;
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) before.await(60);
        assertThat(result).containsEntry("status", "SUCCEEDED");
    }

    @Test
    void anAgentThatDoesNotComeBackInTimeFailsTheStepSayingTheEngineMayStillRun() throws Exception {
        EngineExecution.reconnectMillis = 2_000;
        Path marks = slowHelm(30);
        TestStepContext before = new TestStepContext(workspace, agent);
        StepExecution running = startUntilHelmRuns(before, marks);
        byte[] saved = serialize(running);
        before.stopController();
        before.build().agentOnline = false;

        deserialize(saved).onResume();

        assertThatThrownBy(() -> before.await(60)).isInstanceOf(AbortException.class)
                .hasMessageContaining("did not come back within 2 s").hasMessageContaining("may still be running")
                .hasMessageContaining("resumes from the journal");
        killEngines();
        before.build().agentOnline = true;
        reRunResumesAndLeavesNoKeyOverlay();
    }

    @Test
    void abortStopsTheEngineAtASafePointAndAReRunResumesTheUpgrade() throws Exception {
        Path marks = slowHelm(4);
        TestStepContext context = new TestStepContext(workspace, agent);
        StepExecution running = startUntilHelmRuns(context, marks);
        long pid = enginePid().orElseThrow();
        FlowInterruptedException abort = new FlowInterruptedException(Result.ABORTED, true);

        running.stop(abort);

        assertThatThrownBy(context::await).isSameAs(abort);
        assertThat(context.log()).contains("asked the engine to stop").contains("the engine stopped (exit 143)");
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("engine still running")
                .isFalse();
        assertThat(files(agent.resolve("dataos-upgrade/runs"))).as("run folder of the stopped step").isEmpty();
        assertThat(Files.readString(Steps.inRunState(agent, ".dataos-upgrade/runs/build-7/journal.jsonl"))).contains("interrupted");

        helmDelay(0);
        Map<String, Object> again = Steps.run(upgrade("ops-lead"), new TestStepContext(workspace, agent));

        assertThat(again).containsEntry("status", "SUCCEEDED");
        assertThat(platform.read("values/dataos-manager.yaml")).contains("tag: 1.5.0-e4f5a6b");
        assertThat(Steps.filesContaining(agent, KEY)).as("files holding the Prime key after the re-run").isEmpty();
    }

    @Test
    void engineKilledOutrightFailsTheStepAtOnceQuotingTheLog() throws Exception {
        Path marks = slowHelm(30);
        TestStepContext context = new TestStepContext(workspace, agent);
        startUntilHelmRuns(context, marks);

        killEngines();

        assertThatThrownBy(() -> context.await(60)).isInstanceOf(AbortException.class)
                .hasMessageContaining("was killed before it could record an exit status")
                .hasMessageContaining("> manager.helm-upgrade.dataos-manager started")
                .hasMessageContaining("resumes from its journal").hasMessageNotContaining(KEY);
        Path killed = runFolder();
        reRunResumesAndLeavesNoKeyOverlay();
        assertThat(files(agent.resolve("dataos-upgrade/runs"))).as("kept for diagnosis: only the killed run's")
                .containsExactly(killed);
    }

    @Test
    void engineKilledWhileTheControllerWasDownIsNoticedByItsStaleHeartbeat() throws Exception {
        EngineExecution.staleMillis = 12_000;
        Path marks = slowHelm(30);
        TestStepContext before = new TestStepContext(workspace, agent);
        StepExecution running = startUntilHelmRuns(before, marks);
        byte[] saved = serialize(running);
        before.stopController();

        killEngines();
        StepExecution resumed = deserialize(saved);
        resumed.onResume();

        assertThatThrownBy(() -> before.await(90)).isInstanceOf(AbortException.class)
                .hasMessageContaining("stopped without an exit status").hasMessageContaining("heartbeat")
                .hasMessageContaining("resumes from its journal").hasMessageNotContaining(KEY);
        reRunResumesAndLeavesNoKeyOverlay();
    }

    @Test
    void javaThatCannotBeStartedFailsTheStepNamingWhatWasTried() throws Exception {
        TestStepContext context = new TestStepContext(workspace, agent);
        EnvVars env = new EnvVars();
        env.put("PATH", System.getenv("PATH"));
        env.put("JAVA_HOME", agent.resolve("no-such-jdk").toString());
        context.put(EnvVars.class, env);

        assertThatThrownBy(() -> Steps.run(upgrade("ops-lead"), context)).isInstanceOf(AbortException.class)
                .hasMessageContaining(agent.resolve("no-such-jdk/bin/java").toString())
                .hasMessageContaining("JAVA_HOME of the build").hasMessageContaining("Java 17 or newer");
        assertThat(platform.clis.calls()).isEmpty();
    }

    @Test
    void aGateOwnedByATeamIsApprovedByAMemberWhomJenkinsPutsInItAndByNoOneElse() throws Exception {
        // the window gate's approver is the team dataos-ops@example.com; carol is no delegate
        assertThatThrownBy(() -> Steps.run(upgrade("carol"), new TestStepContext(workspace, agent)))
                .isInstanceOf(AbortException.class).hasMessageContaining(WINDOW_GATE)
                .hasMessageContaining("carol").hasMessageContaining("dataos-ops@example.com");
        assertThat(platform.clis.calls()).as("nothing ran for a refused approval").isEmpty();

        TestStepContext.USERS.put("carol", List.of("dataos-ops@example.com", "qa"));
        TestStepContext context = new TestStepContext(workspace, agent);
        Map<String, Object> approved = Steps.run(upgrade("carol"), context);

        assertThat(approved).containsEntry("status", "SUCCEEDED");
        assertThat(context.log()).contains("dataosUpgrade: approver carol is in 2 Jenkins group(s)")
                .contains("--approver-groups-file").doesNotContain("carol=").doesNotContain("qa");
        assertThat(Files.readString(Steps.inRunState(agent, ".dataos-upgrade/runs/build-7/journal.jsonl")))
                .contains("\"approver\":\"carol\"").contains("as a member of dataos-ops@example.com");
    }

    @Test
    void theEngineJarIsCopiedToTheAgentOnceAndArgumentsReachItAsTheyWereWritten() throws Exception {
        // the launcher expands $NAME and ${NAME} in arguments; an approver's name is taken as written
        String approver = "ops-$USER-${HOME}-$$";
        platform.write("dataos-upgrade.yaml", platform.read("dataos-upgrade.yaml").replace(
                "dataos-ops@example.com: [ops-lead]", "dataos-ops@example.com: [ops-lead, \"" + approver + "\"]"));
        Map<String, Object> first = Steps.run(upgrade(approver), new TestStepContext(workspace, agent));
        Path engineDir = agent.resolve("dataos-upgrade/engine");
        List<Path> jars = files(engineDir);
        long copiedAt = Files.getLastModifiedTime(jars.get(0)).toMillis();

        Map<String, Object> second = Steps.run(upgrade(approver), new TestStepContext(workspace, agent));

        assertThat(first).containsEntry("status", "SUCCEEDED");
        assertThat(second).containsEntry("status", "SUCCEEDED");
        assertThat(jars).singleElement().satisfies(j -> assertThat(j.getFileName().toString())
                .isEqualTo(EngineJar.fileName()));
        assertThat(files(engineDir)).isEqualTo(jars);
        assertThat(Files.getLastModifiedTime(jars.get(0)).toMillis()).isEqualTo(copiedAt);
        assertThat(files(agent.resolve("dataos-upgrade/runs"))).as("run folders of steps that ended").isEmpty();
        assertThat(Files.readString(Steps.inRunState(agent, ".dataos-upgrade/runs/build-7/journal.jsonl"))).contains(
                "\"approver\":\"" + approver + "\"");
    }

    /**
     * A helm that marks the start of {@code helm upgrade}, then takes {@code seconds} (until {@link #helmDelay}
     * changes it) before the fake answers.
     */
    private Path slowHelm(int seconds) throws IOException {
        Path marks = bin.resolve("helm-marks");
        Path slow = bin.resolve("slow-helm");
        helmDelay(seconds);
        Files.writeString(slow, "#!/bin/sh\n# test double: slows the release-changing helm commands\n"
                + "case \"$1\" in upgrade|rollback) echo \"start:helm-$1\" >> '" + marks + "'; sleep \"$(cat '"
                + bin.resolve("helm-delay") + "')\" ;; esac\nexec '" + platform.clis.helm() + "' \"$@\"\n");
        Files.setPosixFilePermissions(slow, PosixFilePermissions.fromString("rwxr-xr-x"));
        platform.write("dataos-upgrade.yaml", platform.read("dataos-upgrade.yaml")
                .replace("executable: " + platform.clis.helm(), "executable: " + slow));
        return marks;
    }

    /** Starts the upgrade as Pipeline does and returns its execution once helm upgrade runs. */
    private StepExecution startUntilHelmRuns(TestStepContext context, Path marks) throws Exception {
        StepExecution running = upgrade("ops-lead").start(context);
        running.start();
        awaitFile(marks, "start:helm-upgrade");
        return running;
    }

    private void helmDelay(int seconds) throws IOException {
        Files.writeString(bin.resolve("helm-delay"), seconds + "\n");
    }

    /** Running the step again resumes the killed run, and removes the Prime key overlay it left behind. */
    private void reRunResumesAndLeavesNoKeyOverlay() throws Exception {
        helmDelay(0);
        Map<String, Object> again = Steps.run(upgrade("ops-lead"), new TestStepContext(workspace, agent));
        assertThat(again).containsEntry("status", "SUCCEEDED");
        assertThat(Steps.filesContaining(agent, KEY)).as("files holding the Prime key after the re-run").isEmpty();
    }

    private static void awaitFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            assertThat(System.nanoTime()).as("waiting for " + text + " in " + file).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private Path runFolder() throws IOException {
        return files(agent.resolve("dataos-upgrade/runs")).get(0);
    }

    private Optional<Long> enginePid() throws IOException {
        Path pid = runFolder().resolve("pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    /** Kills every wrapper and engine this test started, as SIGKILL would, children first. */
    private void killEngines() throws IOException {
        Path runs = agent.resolve("dataos-upgrade/runs");
        if (!Files.isDirectory(runs)) {
            return;
        }
        for (Path run : files(runs)) {
            Path pid = run.resolve("pid");
            if (Files.exists(pid)) {
                // only our engine: a process id the system gave to someone else since is left alone
                ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).filter(p -> p.info().commandLine()
                        .map(c -> c.contains("dataos-upgrade-engine")).orElse(false)).ifPresent(engine -> {
                    Optional<ProcessHandle> wrapper = engine.parent();
                    wrapper.ifPresent(ProcessHandle::destroyForcibly);
                    engine.descendants().forEach(ProcessHandle::destroyForcibly);
                    engine.destroyForcibly();
                    try {
                        // gone, or a zombie nobody reaps (this machine's init does not): either way it runs nothing
                        engine.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception stillAZombie) {
                        // the lock's holder check counts a zombie as dead
                    }
                });
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static StepExecution deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (StepExecution) in.readObject();
        }
    }
}
