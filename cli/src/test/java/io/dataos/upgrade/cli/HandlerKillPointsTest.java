package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.run.CrashPoints;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills inside the multi-step handlers, where the journal-driven suites (KillPointsTest,
 * RunbookKillPointsTest) cannot stop: the real CLI in a child JVM halts at a named {@link CrashPoints}
 * point as SIGKILL would (no {@code finally}, no shutdown hook), then the same command runs again. The
 * resumed run must succeed with each effect exactly once: one helm upgrade, the values file at the new
 * tag (a symbolic link still a link), no copy left beside it, no key overlay left, each notice
 * delivered once.
 */
class HandlerKillPointsTest {

    private static final String RUN = "handler-kill";

    @TempDir
    Path dir;
    ExampleWorkspace example;

    @BeforeEach
    void setUp() throws Exception {
        example = ExampleWorkspace.create(dir);
    }

    @Test
    void killedInsideTheValuesFileRewriteBeforeItsRenameTheResumeFinishesWithOneCopy() throws Exception {
        // the values file is a link to the real one, as an operator's repository may have it
        Path real = Files.createDirectories(example.ws().resolve("env")).resolve("manager-values.yaml");
        Files.move(example.ws().resolve("values.yaml"), real);
        Files.createSymbolicLink(example.ws().resolve("values.yaml"), Path.of("env/manager-values.yaml"));

        killAtAndResume("workspace.written-aside:values.yaml");

        assertThat(Files.isSymbolicLink(example.ws().resolve("values.yaml"))).isTrue();
        assertThat(Files.readString(real)).contains("tag: 1.5.0");
        assertThat(names(real.getParent())).as("no copy of the values file left beside it")
                .containsExactly("manager-values.yaml");
        assertThat(example.fake().calls("helm", "upgrade")).hasSize(1);
    }

    @Test
    void killedAfterTheValuesFileWasEditedInMemoryTheResumeWritesIt() throws Exception {
        killAtAndResume("values-file.edited");

        assertThat(Files.readString(example.ws().resolve("values.yaml"))).contains("tag: 1.5.0");
        assertThat(example.fake().calls("helm", "upgrade")).hasSize(1);
    }

    @Test
    void killedAfterTheKeyOverlayWasWrittenBeforeHelmTheResumeRunsHelmOnceAndLeavesNoOverlay() throws Exception {
        killAtAndResume("helm-upgrade.overlay-written");

        assertThat(example.fake().calls("helm", "upgrade")).hasSize(1);
        assertNoOverlay();
    }

    @Test
    void killedAfterHelmFinishedBeforeTheOverlayWasDeletedTheResumeDoesNotRunHelmAgain() throws Exception {
        killAtAndResume("helm-upgrade.helm-finished");

        assertThat(example.fake().calls("helm", "upgrade")).as("helm upgrade ran once, in the killed run")
                .hasSize(1);
        assertNoOverlay();
    }

    @Test
    void killedBetweenTwoNoticeDeliveriesTheResumeSendsOnlyTheOneNotYetSent() throws Exception {
        try (LoopbackHttp hook = new LoopbackHttp("/hook", n -> LoopbackHttp.Answer.text(200, "ok"))) {
            String url = hook.base() + "/hook";
            Files.writeString(example.ws().resolve("dataos-upgrade.yaml"), example.settings(example.fake().helm())
                    + """
                    notices:
                      channels:
                        audiences:
                          operators:
                            webhooks: ["%1$s"]
                          dataProductConsumers:
                            webhooks: ["%1$s"]
                    """.formatted(url));

            killAtAndResume("notice.delivered@1");

            assertThat(hook.received()).as("two audiences, each notice delivered exactly once").hasSize(2);
        }
    }

    /** Runs the upgrade halting at {@code point}, checks it halted there, runs it again, checks it succeeded. */
    private void killAtAndResume(String point) throws Exception {
        List<String> args = List.of("upgrade", "--workspace", example.ws().toString(), "--installed", "installed.yaml",
                "--release", "release.yaml", "--values", "values.yaml", "--prime-api-key-file",
                example.keyFile().toString(), "--approve", "prepare.approve-window=alice", "--run-id", RUN);

        Process killed = start(args, point, "killed");
        assertThat(killed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String killedErr = Files.readString(dir.resolve("killed.err"));
        assertThat(killed.exitValue()).as("halted at " + point + ":\n" + killedErr).isEqualTo(CrashPoints.STATUS);
        assertThat(killedErr).contains("crash point " + point.replaceFirst("@.*", ""));

        Process resumed = start(args, null, "resumed");
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(dir.resolve("resumed.err"))).isZero();
        assertThat(Files.readString(dir.resolve("resumed.out"))).contains("SUCCEEDED");
    }

    private void assertNoOverlay() throws Exception {
        try (Stream<Path> files = Files.walk(example.ws().resolve(".dataos-upgrade"))) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("prime-api-key.values.yaml");
        }
    }

    private Process start(List<String> args, String crashAt, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        if (crashAt != null) {
            command.add("-D" + CrashPoints.PROPERTY + "=" + crashAt);
        }
        command.add(DataosUpgradeCommand.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
