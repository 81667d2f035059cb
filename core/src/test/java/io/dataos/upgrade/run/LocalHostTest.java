package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

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
        // the child `true` exits at once; its parent becomes `sleep` (exec) and never reaps it: a zombie
        Process parent = new ProcessBuilder("sh", "-c", "true & echo $!; exec sleep 20").start();
        try {
            long zombie;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8))) {
                zombie = Long.parseLong(out.readLine().trim());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
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
