package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's workspace over a FilePath, on a real directory. */
class FilePathWorkspaceTest {

    @TempDir
    Path dir;

    FilePathWorkspace workspace() {
        return new FilePathWorkspace(new FilePath(dir.resolve("ws").toFile()));
    }

    @Test
    void pathsThatLeaveTheWorkspaceAreRefusedBeforeAnyFileIsTouched() throws Exception {
        Files.writeString(dir.resolve("outside.txt"), "keep");
        FilePathWorkspace ws = workspace();

        for (String bad : new String[] {"../outside.txt", "plan/../../outside.txt", "/etc/passwd", "C:\\Windows"}) {
            assertThatThrownBy(() -> ws.write(bad, new byte[] {1}))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
        assertThat(Files.readString(dir.resolve("outside.txt"))).isEqualTo("keep");
        assertThat(ws.absolute("plan/./a/../plan.json")).isEqualTo(dir.resolve("ws/plan/plan.json").toString());
    }

    @Test
    void privateFileIsReadableByItsOwnerOnly() throws Exception {
        FilePathWorkspace ws = workspace();

        ws.writePrivate("secrets/values.yaml", "primeApiKey: x".getBytes(StandardCharsets.UTF_8));

        Path file = dir.resolve("ws/secrets/values.yaml");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("primeApiKey: x");
    }

    @Test
    void appendAddsToTheJournalAndWriteReplacesWholeFiles() throws Exception {
        FilePathWorkspace ws = workspace();

        ws.append("journal.jsonl", "{\"event\":1}\n".getBytes(StandardCharsets.UTF_8));
        ws.append("journal.jsonl", "{\"event\":2}\n".getBytes(StandardCharsets.UTF_8));
        ws.write("plan/plan.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        ws.write("plan/plan.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(ws.read("journal.jsonl"), StandardCharsets.UTF_8)).isEqualTo("{\"event\":1}\n{\"event\":2}\n");
        assertThat(new String(ws.read("plan/plan.json"), StandardCharsets.UTF_8)).isEqualTo("{\"v\":2}");
        assertThat(ws.list("plan")).containsExactly("plan.json");
        assertThat(ws.list(".")).containsExactly("journal.jsonl", "plan");
        assertThat(ws.list("missing")).isEmpty();
        assertThat(ws.exists("plan/plan.json")).isTrue();
    }

    @Test
    void exclusiveCreateSucceedsOnceAndNeverOverwrites() throws Exception {
        FilePathWorkspace ws = workspace();

        assertThat(ws.createExclusive("run.lock", "first".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ws.createExclusive("run.lock", "second".getBytes(StandardCharsets.UTF_8))).isFalse();

        assertThat(new String(ws.read("run.lock"), StandardCharsets.UTF_8)).isEqualTo("first");
        assertThat(ws.list(".")).containsExactly("run.lock");
    }

    @Test
    void deleteRemovesTreesAndIgnoresWhatIsAlreadyGone() throws Exception {
        FilePathWorkspace ws = workspace();
        ws.write("backups/kit/values.yaml", new byte[] {1});

        ws.delete("backups");
        ws.delete("backups");

        assertThat(ws.exists("backups")).isFalse();
    }
}
