package io.dataos.upgrade.process;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandRunnerTest {

    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void argumentsReachTheProgramUnsplitAndUninterpreted() throws Exception {
        List<String> lines = new ArrayList<>();
        CommandResult result = runner.run(Command.of("printf", "%s|", "a b", "$(id)", "; rm -rf /"), lines::add);

        assertThat(result.succeeded()).isTrue();
        assertThat(lines).containsExactly("a b|$(id)|; rm -rf /|");
    }

    @Test
    void secretsAreMaskedInStreamedOutputTailAndDisplay() throws Exception {
        Secret key = Secret.of("prime-api-key", "s3cr3t-prime-key");
        Command command = Command.of("sh", "-c", "echo key=$0; echo again $0 >&2", key.reveal()).masking(key);
        List<String> lines = new ArrayList<>();

        CommandResult result = runner.run(command, lines::add);

        assertThat(lines).containsExactly("key=****", "again ****");
        assertThat(result.outputTail()).doesNotContain(key.reveal()).contains("key=****");
        assertThat(command.display()).doesNotContain(key.reveal());
    }

    @Test
    void nonZeroExitIsReportedNotThrown() throws Exception {
        CommandResult result = runner.run(Command.of("sh", "-c", "echo failing; exit 3"), line -> { });

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.outputTail()).isEqualTo("failing");
    }

    @Test
    void commandPastItsTimeoutIsStoppedWithItsChildren(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("child-survived");
        Command command = Command.of("sh", "-c", "(sleep 3; touch " + marker + ") & sleep 30")
                .withTimeout(Duration.ofMillis(300));

        CommandResult result = runner.run(command, line -> { });

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(LocalCommandRunner.EXIT_TIMED_OUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(20));
        Thread.sleep(3500);
        assertThat(marker).doesNotExist();
    }

    @Test
    void environmentAndWorkingDirectoryApply(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("here.txt"), "x");
        Command command = new Command(List.of("sh", "-c", "ls; echo $DATAOS_TEST"), Map.of("DATAOS_TEST", "v1"), dir,
                null, List.of());
        List<String> lines = new ArrayList<>();

        runner.run(command, lines::add);

        assertThat(lines).containsExactly("here.txt", "v1");
    }

    @Test
    void missingProgramFailsWithItsNameAndNoArguments() {
        Secret key = Secret.of("k", "hidden-value-123");
        Command command = Command.of("no-such-program-dataos", key.reveal()).masking(key);

        assertThatThrownBy(() -> runner.run(command, line -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-program-dataos")
                .hasMessageNotContaining("hidden-value-123");
    }

    @Test
    void tailKeepsOnlyTheLastLines() throws Exception {
        LocalCommandRunner shortTail = new LocalCommandRunner(3);
        CommandResult result = shortTail.run(Command.of("seq", "1", "10"), line -> { });

        assertThat(result.outputTail()).endsWith("8\n9\n10").contains("earlier output omitted").doesNotContain("\n7\n");
    }
}
