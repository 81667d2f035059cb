package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./dataos-upgrade} launcher, run by bash with a stand-in Maven that writes colour escapes. */
class LauncherScriptTest {

    @Test
    void firstBuildOutputHasNoColourEscapesAndKeepsMavensExitStatus(@TempDir Path dir) throws Exception {
        // a copy of the launcher in a folder without a built jar, so it builds first
        Path script = dir.resolve("dataos-upgrade");
        Files.copy(Path.of("..", "dataos-upgrade"), script);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        // what Debian's Maven 3.8 writes in batch mode to a pipe
        Files.writeString(mvn, "#!/bin/sh\nprintf '\\033[0m\\033[0m[\\033[1;31mERROR\\033[m] no engine jar\\n' >&2\n"
                + "exit 3\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder launcher = new ProcessBuilder("bash", script.toString(), "plan").redirectErrorStream(true);
        launcher.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        launcher.environment().remove("DATAOS_UPGRADE_REBUILD");

        Process process = launcher.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("building the command line", "[ERROR] no engine jar").doesNotContain("\u001b");
    }
}
