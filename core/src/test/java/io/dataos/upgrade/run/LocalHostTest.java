package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Telling a live run from a dead one by its process: a zombie is dead. */
class LocalHostTest {

    @Test
    void aZombieIsNotAliveThoughItsPidStillExists() throws Exception {
        // the child exits after 3 s; by then its parent has become `sleep` (exec), which never reaps it: a zombie
        Process parent = new ProcessBuilder("sh", "-c", "sleep 3 & echo $!; exec sleep 30").start();
        try {
            long zombie;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                zombie = Long.parseLong(out.readLine().trim());
            }
            Path comm = Path.of("/proc", Long.toString(parent.pid()), "comm");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(comm).strip().equals("sleep") && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assumeTrue(LocalHost.isAlive(zombie, null), "the shell became sleep before its child ended");
            while (!LocalHost.isZombie(zombie) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(Files.exists(Path.of("/proc", Long.toString(zombie)))).as("the pid still exists").isTrue();
            assertThat(LocalHost.isZombie(zombie)).isTrue();
            assertThat(LocalHost.isAlive(zombie, null)).isFalse();
            assertThat(LocalHost.isAlive(parent.pid(), LocalHost.processStart(parent.pid()))).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }
}
