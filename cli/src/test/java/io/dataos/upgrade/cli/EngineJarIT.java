package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The shaded engine jar (classifier {@code engine}) that the Jenkins steps copy to the agent: small,
 * free of the sandbox and of everything only the sandbox needs, and runnable on its own. Runs after
 * {@code package} (failsafe), on the jar itself.
 */
class EngineJarIT {

    /** The limit: the jar ships inside the .hpi and is copied to every agent. */
    private static final long MAX_BYTES = 25L * 1024 * 1024;

    /** Where the sandbox and what only it needs would land in a shaded jar. */
    private static final List<String> SANDBOX_ONLY = List.of("io/dataos/upgrade/sandbox/", "com/marcnuri/",
            "com/sun/jna/", "io/fabric8/", "io/vertx/", "io/netty/", "okhttp3/", "META-INF/native/");

    private static Path engineJar() {
        String property = System.getProperty("engine.jar");
        assertThat(property).as("failsafe passes the engine jar's path as engine.jar").isNotNull();
        Path jar = Path.of(property);
        assertThat(jar).as("the shaded engine jar (mvn package)").exists();
        return jar;
    }

    @Test
    void engineJarIsAtMost25Megabytes() throws IOException {
        Path jar = engineJar();

        long size = Files.size(jar);

        System.out.printf("engine jar %s: %,d bytes%n", jar.getFileName(), size);
        assertThat(size).as("engine jar size in bytes").isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void engineJarHoldsNoSandboxClassNorNativeLibrary() throws IOException {
        try (JarFile jar = new JarFile(engineJar().toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).as("the engine's own classes are there").contains(
                    "io/dataos/upgrade/cli/DataosUpgradeCommand.class", "io/dataos/upgrade/cli/agent/Wrapper.class",
                    "io/dataos/upgrade/cli/agent/AgentRun.class");
            assertThat(names).as("nothing of the sandbox")
                    .noneMatch(name -> SANDBOX_ONLY.stream().anyMatch(name::startsWith));
            assertThat(names).as("no native library")
                    .noneMatch(name -> name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll"));
        }
    }

    @Test
    void engineJarRunsHelpOnItsOwn() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process help = new ProcessBuilder(java.toString(), "-jar", engineJar().toString(), "--help")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String output = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).as(output).isZero();
        assertThat(output).contains("Usage: dataos-upgrade", "plan", "upgrade", "rollback", "verify", "report");
    }
}
