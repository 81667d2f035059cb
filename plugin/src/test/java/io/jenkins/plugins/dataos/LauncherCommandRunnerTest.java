package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import io.dataos.upgrade.process.Command;
import io.dataos.upgrade.process.CommandResult;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real local processes through the Launcher-based CommandRunner. */
class LauncherCommandRunnerTest {

    static final String KEY = "prime-9f3c2a71d4e8";

    @TempDir
    Path workspace;

    TestStepContext context;
    SecretMasker masker;
    LauncherCommandRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        context = new TestStepContext(workspace);
        masker = new SecretMasker();
        runner = new LauncherCommandRunner(context.get(Launcher.class), context.get(FilePath.class),
                context.get(EnvVars.class), context.listener, masker);
    }

    @Test
    void secretInArgumentsAndOutputNeverReachesTheBuildLogOrTheResult() throws Exception {
        Secret key = Secret.of("prime-api-key", KEY);
        Command command = new Command(List.of("sh", "-c", "echo \"key is $1\"; echo \"$1\" >&2; echo done", "sh", KEY),
                Map.of(), null, Duration.ofSeconds(20), List.of(key));
        List<String> lines = new ArrayList<>();

        CommandResult result = runner.run(command, lines::add);

        assertThat(result.exitCode()).isZero();
        assertThat(lines).containsExactly("key is ****", "****", "done");
        assertThat(result.outputTail()).doesNotContain(KEY).contains("key is ****");
        assertThat(context.log()).doesNotContain(KEY).contains("$ sh -c").contains("********");
    }

    @Test
    void secretKnownToTheStepIsMaskedEvenWhenTheCommandDoesNotDeclareIt() throws Exception {
        masker.add(Secret.of("postgres-password", "pg-Secr3t-value"));
        List<String> lines = new ArrayList<>();

        runner.run(Command.of("echo", "password=pg-Secr3t-value"), lines::add);

        assertThat(lines).containsExactly("password=****");
        assertThat(context.log()).doesNotContain("pg-Secr3t-value");
    }

    @Test
    void commandRunsInItsDirectoryWithItsEnvironmentAddedToTheBuilds() throws Exception {
        Path dir = Files.createDirectories(workspace.resolve("charts"));
        Command command = new Command(List.of("sh", "-c", "pwd; echo \"$DATAOS_NS\"; command -v sh >/dev/null && echo path-kept"),
                Map.of("DATAOS_NS", "dataos-manager"), dir, Duration.ofSeconds(20), List.of());
        List<String> lines = new ArrayList<>();

        CommandResult result = runner.run(command, lines::add);

        assertThat(result.succeeded()).isTrue();
        assertThat(lines).containsExactly(dir.toRealPath().toString(), "dataos-manager", "path-kept");
    }

    @Test
    void commandWithoutDirectoryRunsInTheWorkspace() throws Exception {
        List<String> lines = new ArrayList<>();
        runner.run(Command.of("pwd"), lines::add);
        assertThat(lines).containsExactly(workspace.toRealPath().toString());
    }

    @Test
    void commandPastItsTimeoutIsStoppedAndReportedAsTimedOut() throws Exception {
        long started = System.nanoTime();

        CommandResult result = runner.run(Command.of("sleep", "30").withTimeout(Duration.ofMillis(300)), line -> { });

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(LauncherCommandRunner.EXIT_TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(context.log()).contains("Stopped after the timeout");
    }

    @Test
    void failingCommandReportsItsExitCodeAndTail() throws Exception {
        CommandResult result = runner.run(Command.of("sh", "-c", "echo broken release; exit 3"), line -> { });
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.timedOut()).isFalse();
        assertThat(result.outputTail()).isEqualTo("broken release");
    }

    @Test
    void programThatCannotStartIsNamedWithoutItsSecretArguments() {
        Secret key = Secret.of("prime-api-key", KEY);
        Command command = new Command(List.of("no-such-helm-binary", "--set", "primeApiKey=" + KEY), Map.of(), null,
                Duration.ofSeconds(5), List.of(key));

        assertThatThrownBy(() -> runner.run(command, line -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-helm-binary")
                .hasMessageContaining("PATH")
                .hasMessageNotContaining(KEY);
        assertThat(context.log()).doesNotContain(KEY);
    }
}
