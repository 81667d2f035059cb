package io.dataos.upgrade.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link LocalWorkspace} treats the files it writes: a rewrite keeps the file's mode and writes
 * through a symbolic link to its target; what it creates is owner-only under any umask (checked in a
 * child JVM started with umask 000); and confinement follows symbolic links, for reads and writes.
 */
class LocalWorkspaceFilesTest {

    @TempDir
    Path dir;

    @Test
    void aRewrittenOwnerOnlyFileStaysOwnerOnly() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path values = ws.resolve("values.yaml");
        Files.writeString(values, "image:\n  tag: 1.4.0\n");
        Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-------"));

        new LocalWorkspace(ws).write("values.yaml", "image:\n  tag: 1.5.0\n".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(values)).contains("1.5.0");
        assertThat(mode(values)).isEqualTo("rw-------");
        assertThat(names(ws)).containsExactly("values.yaml");
    }

    @Test
    void aRewrittenGroupReadableFileKeepsItsMode() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path values = ws.resolve("values.yaml");
        Files.writeString(values, "a: 1\n");
        Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-r-----"));

        new LocalWorkspace(ws).write("values.yaml", "a: 2\n".getBytes(StandardCharsets.UTF_8));

        assertThat(mode(values)).isEqualTo("rw-r-----");
    }

    @Test
    void aSymlinkedValuesFileIsWrittenThroughToItsTargetAtomicallyBesideIt() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path real = Files.createDirectories(ws.resolve("env/prod")).resolve("dataos-manager-values.yaml");
        Files.writeString(real, "image:\n  tag: 1.4.0\n");
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(ws.resolve("values.yaml"), Path.of("env/prod/dataos-manager-values.yaml"));

        new LocalWorkspace(ws).write("values.yaml", "image:\n  tag: 1.5.0\n".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.isSymbolicLink(link)).as("the link stays a link").isTrue();
        assertThat(Files.readString(real)).as("the real file has the new tag").contains("1.5.0");
        assertThat(mode(real)).isEqualTo("rw-r-----");
        assertThat(names(real.getParent())).as("no temporary file left beside the target")
                .containsExactly("dataos-manager-values.yaml");
    }

    @Test
    void aSymlinkInsideTheWorkspaceCannotReadFromOutsideIt() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path outside = Files.writeString(dir.resolve("outside.yaml"), "not: yours\n");
        Files.createSymbolicLink(ws.resolve("values.yaml"), outside);
        Files.createSymbolicLink(ws.resolve("elsewhere"), dir);
        LocalWorkspace workspace = new LocalWorkspace(ws);

        assertThatThrownBy(() -> workspace.read("values.yaml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("values.yaml").hasMessageContaining("symbolic link")
                .hasMessageContaining(outside.toRealPath().toString());
        assertThatThrownBy(() -> workspace.read("elsewhere/outside.yaml")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspace.exists("elsewhere/outside.yaml"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSymlinkInsideTheWorkspaceCannotWriteOutsideItEvenToAFileNotYetThere() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(ws.resolve("out"), outside);
        Files.createSymbolicLink(ws.resolve("junit.xml"), outside.resolve("junit.xml")); // dangling
        LocalWorkspace workspace = new LocalWorkspace(ws);
        byte[] text = "<testsuite/>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> workspace.write("out/junit.xml", text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("out/junit.xml");
        assertThatThrownBy(() -> workspace.write("junit.xml", text)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspace.append("out/journal.jsonl", text)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspace.writePrivate("out/key", text)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> workspace.mkdirs("out/made")).isInstanceOf(InvalidInputException.class);
        assertThat(names(outside)).as("nothing written outside").isEmpty();
    }

    @Test
    void aSymlinkThatStaysInsideTheWorkspaceIsFollowed() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Files.createDirectories(ws.resolve("real"));
        Files.createSymbolicLink(ws.resolve("alias"), ws.resolve("real"));
        LocalWorkspace workspace = new LocalWorkspace(ws);

        workspace.write("alias/report.md", "ok".getBytes(StandardCharsets.UTF_8));

        assertThat(ws.resolve("real/report.md")).hasContent("ok");
    }

    @Test
    void theStateFolderMayBeOutsideTheWorkspaceButALinkMayNotLeaveIt() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path state = Files.createDirectories(dir.resolve("agent-state"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.createSymbolicLink(state.resolve("runs"), elsewhere);
        LocalWorkspace workspace = new LocalWorkspace(ws, state);

        workspace.write(".dataos-upgrade/locks/dataos.lock", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(state.resolve("locks/dataos.lock")).exists();
        assertThatThrownBy(() -> workspace.append(".dataos-upgrade/runs/r1/journal.jsonl",
                "{}\n".getBytes(StandardCharsets.UTF_8))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("state folder");
        assertThat(names(elsewhere)).isEmpty();
    }

    @Test
    void underUmask000EverythingTheWorkspaceCreatesIsOwnerOnlyAndARewriteKeepsTheMode() throws Exception {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        Path values = ws.resolve("values.yaml");
        Files.writeString(values, "a: 1\n");
        Files.setPosixFilePermissions(values, PosixFilePermissions.fromString("rw-r--r--"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "umask 000 && exec \"$@\"", "sh", java, "-cp",
                System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                UmaskWorkspaceMain.class.getName(), ws.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(dir.resolve("child.log"))).isZero();
        assertThat(Files.readString(dir.resolve("child.log"))).as("the child really ran under umask 000")
                .contains("umask-probe rw-rw-rw-");

        Path run = ws.resolve(".dataos-upgrade/runs/r1");
        assertThat(mode(ws.resolve(".dataos-upgrade"))).isEqualTo("rwx------");
        assertThat(mode(run)).as("the run folder").isEqualTo("rwx------");
        assertThat(mode(run.resolve("journal.jsonl"))).as("the journal").isEqualTo("rw-------");
        assertThat(mode(run.resolve("prime-api-key.values.yaml"))).as("the key overlay").isEqualTo("rw-------");
        assertThat(mode(ws.resolve("reports/r1/report.md"))).as("a new report").isEqualTo("rw-------");
        assertThat(mode(ws.resolve("reports"))).isEqualTo("rwx------");
        assertThat(mode(ws.resolve("made/here"))).as("mkdirs").isEqualTo("rwx------");
        assertThat(mode(ws.resolve(".dataos-upgrade/locks/dataos.lock"))).as("a lock").isEqualTo("rw-------");
        assertThat(mode(values)).as("the rewritten values file keeps its mode").isEqualTo("rw-r--r--");
        assertThat(Files.readString(values)).isEqualTo("a: 2\n");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
