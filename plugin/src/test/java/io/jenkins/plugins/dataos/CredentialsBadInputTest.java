package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import hudson.AbortException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Jenkins part of the bad-input corpus (docs/bad-input.md): a credentials id that does not
 * resolve to a usable "Secret text" credential fails the step naming the id, the secret it was
 * meant for and the fix, before anything touches the workspace.
 */
class CredentialsBadInputTest {

    /** A value stored in the test credentials; it must never reach the log. */
    static final String STORED = "pg-Zq81xv0c77";

    @TempDir
    Path workspace;
    @TempDir
    Path agent;

    @BeforeEach
    @AfterEach
    void noCredentials() {
        TestCredentials.reset();
    }

    /** Which step argument gets the bad id, and what is stored under which id beforehand. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown Prime API key id", "dataos-prime-key", "prime-api-key", "was not found",
                        (Runnable) () -> { }, (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("dataos-prime-key")),
                Arguments.of("misspelt Prime API key id next to the right one", "dataos-prime-kye", "prime-api-key",
                        "or fix the id", (Runnable) () -> TestCredentials.secretText("dataos-prime-key", STORED),
                        (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("dataos-prime-kye")),
                Arguments.of("Prime API key id of a username/password credential", "dataos-prime-key",
                        "prime-api-key", "store the value as 'Secret text'",
                        (Runnable) () -> TestCredentials.usernamePassword("dataos-prime-key"),
                        (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("dataos-prime-key")),
                Arguments.of("Prime API key id of an empty secret", "dataos-prime-key", "prime-api-key",
                        "set the secret's value", (Runnable) () -> TestCredentials.secretText("dataos-prime-key", ""),
                        (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("dataos-prime-key")),
                Arguments.of("unknown Postgres password id", "dataos-pg", "postgres-password", "was not found",
                        (Runnable) () -> TestCredentials.secretText("dataos-prime-key", STORED),
                        (Consumer<DataosRollbackStep>) step -> {
                            step.setCredentialsId("dataos-prime-key");
                            step.setPostgresCredentialsId("dataos-pg");
                        }),
                Arguments.of("Postgres password id of a username/password credential", "dataos-pg",
                        "postgres-password", "is needed", (Runnable) () -> {
                            TestCredentials.secretText("dataos-prime-key", STORED);
                            TestCredentials.usernamePassword("dataos-pg");
                        },
                        (Consumer<DataosRollbackStep>) step -> {
                            step.setCredentialsId("dataos-prime-key");
                            step.setPostgresCredentialsId("dataos-pg");
                        }),
                Arguments.of("credentials id that looks like a path", "../../secrets/prime", "prime-api-key",
                        "was not found", (Runnable) () -> { },
                        (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("../../secrets/prime")),
                Arguments.of("credentials id left as an uninterpolated Groovy expression", "${env.PRIME_ID}",
                        "prime-api-key", "was not found", (Runnable) () -> { },
                        (Consumer<DataosRollbackStep>) step -> step.setCredentialsId("${env.PRIME_ID}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badCredentialsIdFailsTheStepNamingTheIdAndChangesNothingInTheWorkspace(String about, String id,
            String secretName, String fix, Runnable stored, Consumer<DataosRollbackStep> configure) throws Exception {
        stored.run();
        Files.writeString(workspace.resolve("rollback-plan.json"), "{\"actions\": []}\n", StandardCharsets.UTF_8);
        Files.createDirectories(workspace.resolve("dataos-upgrade"));
        Files.writeString(workspace.resolve("dataos-upgrade/notes.txt"), "kept\n", StandardCharsets.UTF_8);
        DataosRollbackStep step = new DataosRollbackStep("rollback-plan.json");
        configure.accept(step);
        Map<String, String> before = snapshot(workspace);
        TestStepContext context = new TestStepContext(workspace, agent);

        step.start(context).start();
        Throwable failure = catchThrowable(context::await);

        assertThat(failure).as(about).isInstanceOf(AbortException.class);
        assertThat(failure.getMessage()).as(about)
                .contains("'" + id + "'")
                .contains(secretName)
                .contains(fix);
        assertThat(context.log()).as(about).doesNotContain(STORED);
        assertThat(failure.getMessage()).as(about).doesNotContain(STORED);
        assertThat(snapshot(workspace)).as(about + ": workspace after the refusal").isEqualTo(before);
    }

    /** Every file and directory under {@code root}: its permissions and, for a file, its SHA-256. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    String mode = PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                    entries.put(root.relativize(path).toString(), (Files.isDirectory(path) ? "dir"
                            : "file " + sha256(Files.readAllBytes(path))) + " " + mode);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
