package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSecretsTest {

    @TempDir
    Path dir;

    private Path keyFile(String content, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void anOwnerOnlyFileWinsOverTheEnvironmentAndLosesItsLineEnd() throws Exception {
        CliSecrets secrets = CliSecrets.of(Map.of("prime-api-key", new CliSecrets.Named("--prime-api-key-file",
                keyFile("pk-from-file\r\n", "r--------"))), name -> "pk-from-env");

        assertThat(secrets.require("prime-api-key").reveal()).isEqualTo("pk-from-file");
    }

    @Test
    void withoutAFileTheSecretComesFromItsEnvironmentVariable() throws Exception {
        CliSecrets secrets = CliSecrets.of(Map.of(), name -> name.equals("POSTGRES_PASSWORD") ? "pw" : null);

        assertThat(secrets.require("postgres-password").reveal()).isEqualTo("pw");
        assertThat(secrets.find("prime-api-key")).isEmpty();
    }

    @Test
    void aGroupReadableFileIsRefusedWithTheFixAndWithoutItsContent() throws Exception {
        Path file = keyFile("pk-secret-value", "rw-r-----");

        assertThatThrownBy(() -> CliSecrets.of(Map.of("prime-api-key", new CliSecrets.Named("--prime-api-key-file",
                file)), name -> null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--prime-api-key-file")
                .hasMessageContaining("chmod 600 " + file)
                .hasMessageNotContaining("pk-secret-value");
    }

    @Test
    void anEmptyOrMissingFileIsRefused() throws Exception {
        Path empty = keyFile("\n", "rw-------");

        assertThatThrownBy(() -> CliSecrets.of(Map.of("x", new CliSecrets.Named("--secret-file x", empty)), n -> null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is empty");
        assertThatThrownBy(() -> CliSecrets.of(Map.of("x", new CliSecrets.Named("--secret-file x",
                dir.resolve("none"))), n -> null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is not a file");
    }
}
