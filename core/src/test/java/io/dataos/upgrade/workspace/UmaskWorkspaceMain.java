package io.dataos.upgrade.workspace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Child JVM of {@link LocalWorkspaceFilesTest}, started under umask 000: writes what a run writes
 * (journal, key overlay, report, lock, rewritten values file) through a {@link LocalWorkspace}.
 */
public final class UmaskWorkspaceMain {

    private UmaskWorkspaceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path ws = Path.of(args[0]);
        // proof the umask is 000 in this process: a plain file gets rw-rw-rw-
        Path probe = Files.createTempDirectory("umask").resolve("probe");
        Files.write(probe, new byte[0]);
        System.out.println("umask-probe " + PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
        LocalWorkspace workspace = new LocalWorkspace(ws);
        byte[] line = "{}\n".getBytes(StandardCharsets.UTF_8);
        workspace.append(".dataos-upgrade/runs/r1/journal.jsonl", line);
        workspace.writePrivate(".dataos-upgrade/runs/r1/prime-api-key.values.yaml", line);
        workspace.write("reports/r1/report.md", line);
        workspace.mkdirs("made/here");
        workspace.createExclusive(".dataos-upgrade/locks/dataos.lock", line);
        workspace.write("values.yaml", "a: 2\n".getBytes(StandardCharsets.UTF_8));
    }
}
