package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionState;
import io.dataos.upgrade.run.ChildJvm;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.JournalEvent;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunHistory;
import io.dataos.upgrade.runbook.RunbookWorld;
import io.dataos.upgrade.testing.TestSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real CLI ({@code dataos-upgrade upgrade} and {@code rollback}, production handlers) in a child
 * JVM, SIGKILLed again and again and resumed with the same run id until it finishes: once right after
 * each durable journal event of a new kind for an action (run started, approved, started, command
 * started, succeeded: every action boundary), and once while each slow command runs (helm upgrade,
 * helm rollback, every site command). The child is watched from outside through its journal and the
 * commands' start markers, so a kill lands at that point or a few events after it; the points covered
 * are the journal's last event when the child died, counted at the end. Afterwards every action
 * succeeded exactly once, none was skipped, and each side effect (helm's argv log, the site
 * commands' marker) happened exactly once.
 */
class RunbookKillPointsTest {

    private static final String RUN = "kill-points";
    private static final Set<String> DURABLE = Set.of("run-started", "action-approved", "action-started",
            "command-started", "action-succeeded");
    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalPostgresCluster cluster;
    static int databases;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws Exception {
        cluster = LocalPostgresCluster.start(new LocalCommandRunner(), null);
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void upgradeKilledAtEveryActionBoundaryAndDuringHelmUpgradeRunsEachActionExactlyOnce() throws Exception {
        try (LoopbackHttp health = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(200, "UP"))) {
            RunbookWorld world = world(health.base() + "/health");
            List<String> args = List.of("upgrade", "--installed", RunbookWorld.INSTALLED, "--release",
                    RunbookWorld.RELEASE, "--values", RunbookWorld.VALUES);

            Chain chain = killUntilDone(world, args);

            assertEveryActionSucceededOnce(world, chain, "upgrade");
            assertThat(world.fake.calls("helm", "upgrade")).as("helm upgrade ran to its end exactly once").hasSize(1);
            assertThat(chain.midCommand()).as("killed while helm upgrade ran").contains("helm-upgrade");
            assertWaitedForTheKilledRunsCommand(world, "manager.helm-upgrade.dataos-manager");
            assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.NEW_TAG);
            assertThat(world.workspace.resolve(".dataos-upgrade/runs/" + RUN + "/"
                    + io.dataos.upgrade.helm.ManagerUpgrade.OVERLAY_NAME))
                    .as("the Prime key overlay a killed helm upgrade left behind is removed on resume").doesNotExist();
            assertThat(historyOf(world).actions()).containsKeys("prepare.backup",
                    "manager.helm-upgrade.dataos-manager", "verify.validate");
        }
    }

    @Test
    void rollbackKilledAtEveryActionBoundaryAndDuringEachCommandRunsEachActionExactlyOnce() throws Exception {
        RunbookWorld world = world("https://unused.invalid/health");
        world.clusterAtRelease15();
        world.write(RunbookWorld.VALUES, world.read(RunbookWorld.VALUES).replace(RunbookWorld.OLD_TAG,
                RunbookWorld.NEW_TAG));
        List<String> args = List.of("rollback", "--installed", RunbookWorld.INSTALLED_15, "--target",
                RunbookWorld.INSTALLED, "--values", RunbookWorld.VALUES, "--reason", "kill-point test");

        Chain chain = killUntilDone(world, args);

        assertEveryActionSucceededOnce(world, chain, "rollback");
        assertThat(world.fake.calls("helm", "rollback")).as("helm rollback ran to its end exactly once")
                .singleElement().satisfies(call -> assertThat(call).containsSequence("rollback", "dataos-manager", "3"));
        List<String> sites = List.of("remove-stack-talos", "reinstall-stack-flare", "revert-cluster-image-minervaa",
                "rollback-component-heimdall", "rollback-component-metis",
                // the target names a platform snapshot: the site's restore template brings PostgreSQL back
                "restore-snapshot-dataos-pg-1.4.0-20261120");
        assertThat(Files.readAllLines(marker(world))).as("each site command's effect exactly once")
                .containsExactlyInAnyOrderElementsOf(sites.stream().map(s -> "done:" + s).toList());
        assertThat(chain.midCommand()).as("killed while each site command and helm rollback ran")
                .containsAll(sites).contains("helm-rollback");
        assertWaitedForTheKilledRunsCommand(world, "manager.helm-rollback.dataos-manager");
        assertThat(world.read(RunbookWorld.VALUES)).contains("tag: " + RunbookWorld.OLD_TAG);
    }

    /** The resumed run found the helm command the killed run left running, and waited for it (not re-ran it). */
    private void assertWaitedForTheKilledRunsCommand(RunbookWorld world, String action) throws Exception {
        assertThat(historyOf(world).events()).as(action + ": the resumed run waited for the killed run's helm")
                .anyMatch(e -> e.typeName().equals("command-outlived-run") && action.equals(e.actionId())
                        && e.fields().path("command").asText().contains(" upgrade ")
                                != e.fields().path("command").asText().contains(" rollback "));
    }

    /** What one kill-and-resume chain did. */
    record Chain(int kills, Set<String> killedAfter, Set<String> pointsCovered, Set<String> midCommand, long wallMillis) {
    }

    /**
     * Runs the CLI in a child JVM with the same run id again and again; kills it once after each durable
     * event (type, action) not killed at before and once while each slow command not killed before runs,
     * until a child exits by itself; that one must exit 0.
     */
    private Chain killUntilDone(RunbookWorld world, List<String> command) throws Exception {
        Path journal = world.workspace.resolve(Journal.pathOf(RUN));
        Path steps = Path.of(marker(world) + ".steps");
        Path log = Files.createDirectories(Path.of("target")).resolve("kill-points-" + command.get(0) + ".log");
        Files.deleteIfExists(log);
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--workspace", world.workspace.root().toString(), "--run-id", RUN, "--approve-all-as",
                "kill-test", "--started-by", "kill-test", "--prime-api-key-file", secretFile("prime.key",
                        TestSecrets.PRIME_API_KEY_VALUE).toString(), "--postgres-password-file",
                secretFile("pg.pw", world.postgresPassword.reveal()).toString()));
        Set<String> killedAfter = new LinkedHashSet<>();
        Set<String> killedDuring = new LinkedHashSet<>();
        Set<String> covered = new LinkedHashSet<>();
        int kills = 0;
        long journalFrom = 0;
        long stepsFrom = 0;
        long t0 = System.nanoTime();
        while (true) {
            assertThat(kills).as("the chain ends (each kill is at a new point)").isLessThan(200);
            Process child = ChildJvm.startLoggingTo(log, System.getProperty("java.class.path"),
                    DataosUpgradeCommand.class.getName(), args);
            boolean killed = false;
            while (child.isAlive() && !killed) {
                for (String line : newLines(journal, journalFrom)) {
                    journalFrom += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    JsonNode event = JSON.readTree(line);
                    String key = event.path("type").asText() + " " + event.path("action").asText("");
                    if (DURABLE.contains(event.path("type").asText()) && killedAfter.add(key)) {
                        killed = true;
                        break;
                    }
                }
                if (!killed) {
                    for (String line : newLines(steps, stepsFrom)) {
                        stepsFrom += line.getBytes(StandardCharsets.UTF_8).length + 1;
                        if (line.startsWith("start:") && killedDuring.add(line.substring(6))) {
                            Thread.sleep(100); // well inside the command's sleep
                            killed = true;
                            break;
                        }
                    }
                }
                if (!killed) {
                    Thread.sleep(2);
                }
            }
            if (!killed) {
                int exit = child.waitFor();
                assertThat(exit).as("the run that was not killed finished: see " + log + "\n"
                        + Files.readString(log)).isZero();
                break;
            }
            child.destroyForcibly(); // SIGKILL on Linux
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;
            Files.writeString(log, "=== SIGKILL " + kills + "\n", StandardOpenOption.APPEND);
            List<JournalEvent> events = JournalReader.read(world.workspace, RUN).events();
            JournalEvent last = events.get(events.size() - 1);
            covered.add(last.typeName() + " " + (last.actionId() == null ? "" : last.actionId())
                    + (running(steps) ? " (command running)" : ""));
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        Files.copy(journal, log.resolveSibling("kill-points-" + command.get(0) + ".journal.jsonl"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Chain chain = new Chain(kills, killedAfter, covered, killedDuring, wall);
        System.out.println(command.get(0) + ": " + kills + " SIGKILLs, " + covered.size()
                + " distinct kill points (last journal event at death), " + killedDuring.size()
                + " of them while a command ran " + killedDuring + "; " + wall + " ms");
        return chain;
    }

    /** Whether a command's start marker has no done line yet (killed while it ran). */
    private static boolean running(Path steps) throws IOException {
        if (!Files.exists(steps)) {
            return false;
        }
        List<String> lines = Files.readAllLines(steps);
        Path done = Path.of(steps.toString().replaceAll("\\.steps$", ""));
        List<String> finished = Files.exists(done) ? Files.readAllLines(done) : List.of();
        for (String line : lines) {
            String name = line.substring(6);
            if (!name.startsWith("helm-") && !finished.contains("done:" + name)) {
                return true;
            }
        }
        return false;
    }

    private void assertEveryActionSucceededOnce(RunbookWorld world, Chain chain, String what) throws Exception {
        RunHistory history = historyOf(world);
        assertThat(history.actions()).isNotEmpty();
        Map<String, Integer> succeededEvents = new TreeMap<>();
        for (JournalEvent e : history.events()) {
            if (e.typeName().equals("action-succeeded")) {
                succeededEvents.merge(e.actionId(), 1, Integer::sum);
            }
            assertThat(e.typeName()).as(what + ": nothing skipped").isNotEqualTo("action-skipped");
        }
        for (RunHistory.ActionRecord action : history.actions().values()) {
            assertThat(action.state()).as(what + ": " + action.id()).isEqualTo(ActionState.SUCCEEDED);
            assertThat(succeededEvents.get(action.id())).as(what + ": " + action.id() + " succeeded exactly once")
                    .isEqualTo(1);
        }
        for (String id : history.actions().keySet()) {
            assertThat(chain.killedAfter()).as(what + ": killed at " + id + "'s boundaries")
                    .contains("action-succeeded " + id);
        }
    }

    private RunHistory historyOf(RunbookWorld world) throws Exception {
        return JournalReader.read(world.workspace, RUN);
    }

    /** The lines appended to {@code file} after {@code from} bytes (complete lines only). */
    private static List<String> newLines(Path file, long from) throws IOException {
        if (!Files.exists(file) || Files.size(file) <= from) {
            return List.of();
        }
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static Path marker(RunbookWorld world) {
        return world.dir.resolve("marker");
    }

    private Path secretFile(String name, String value) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, value + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /**
     * A world whose helm is the fake behind a wrapper that marks and slows {@code helm upgrade} and
     * {@code helm rollback} (8 s: longer than a resumed CLI takes to start on a loaded machine, so the resumed run finds it still running), and whose site commands each mark
     * their start, sleep 0.4 s, mark their end, and are done when the end mark is there.
     */
    private RunbookWorld world(String healthUrl) throws Exception {
        RunbookWorld world = RunbookWorld.create(dir, cluster, "dataos_kp_" + (++databases));
        world.checks(healthUrl);
        Path marker = marker(world);
        Path helm = script(world.dir.resolve("bin/slow-helm"), """
                #!/bin/sh
                # test wrapper: marks and slows the release-changing helm commands, then runs the fake helm
                case "$1" in
                  upgrade|rollback) echo "start:helm-$1" >> '%s.steps'; sleep 8 ;;
                esac
                exec '%s' "$@"
                """.formatted(marker, world.fake.helm()));
        Path step = script(world.dir.resolve("bin/site-step"), """
                #!/bin/sh
                echo "start:$1" >> '%1$s.steps'
                sleep 0.4
                echo "done:$1" >> '%1$s'
                """.formatted(marker));
        StringBuilder commands = new StringBuilder();
        for (String[] kind : new String[][] {{"removeStack", "remove-stack-{component}"},
                {"reinstallStack", "reinstall-stack-{component}"},
                {"revertClusterImage", "revert-cluster-image-{component}"},
                {"rollbackComponent", "rollback-component-{component}"},
                {"removeComponent", "remove-component-{component}"},
                {"restorePostgresSnapshot", "restore-snapshot-{snapshot}"}}) {
            commands.append("  ").append(kind[0]).append(":\n    run: [\"").append(step).append("\", \"")
                    .append(kind[1]).append("\"]\n    doneCheck: [grep, -qx, \"done:").append(kind[1])
                    .append("\", \"").append(marker).append("\"]\n");
        }
        world.write(RunbookWorld.SETTINGS, """
                apiVersion: dataos-upgrade/v1
                kind: RunbookSettings
                instance: dataos.acme.example
                parallelism: 2
                checks: %s
                helm:
                  executable: %s
                  kubectl: %s
                  timeout: 5m
                postgres:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  binDir: %s
                notices:
                  contact: dataos-ops@acme.example
                commandTimeout: 1m
                delegates:
                  dataos-ops@acme.example: [kill-test]
                  heimdall-team@acme.example: [kill-test]
                  metis-team@acme.example: [kill-test]
                commands:
                """.formatted(RunbookWorld.CHECKS, helm, world.fake.kubectl(), cluster.port(),
                world.database.database(), cluster.binDir()) + commands);
        return world;
    }

    private static Path script(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
