package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A Kubernetes API that accepts connections and never answers must not hang the caller. */
class HelmTimeoutTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void callAgainstAnApiThatNeverAnswersIsAbandonedAfterItsTimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // read nothing, answer nothing
                    }
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path kubeconfig = dir.resolve("kubeconfig");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: silent
                      cluster:
                        server: http://127.0.0.1:%d
                    contexts:
                    - name: silent
                      context: {cluster: silent, user: silent}
                    current-context: silent
                    users:
                    - name: silent
                      user: {token: placeholder}
                    """.formatted(silent.getLocalPort()));
            List<String> log = new CopyOnWriteArrayList<>();
            // Load the native library first, so the 3 s below are spent waiting on the silent API only.
            new SandboxHelm(kubeconfig, "unused", Duration.ofSeconds(120), log::add).helmVersion();
            SandboxHelm helm = new SandboxHelm(kubeconfig, "http://127.0.0.1:" + silent.getLocalPort(),
                    Duration.ofSeconds(3), log::add);

            long started = System.nanoTime();
            assertThatThrownBy(() -> helm.history("dataos-manager", "dataos-manager"))
                    .isInstanceOf(HelmTimeoutException.class)
                    .hasMessageContaining("no answer within 3 s")
                    .hasMessageContaining("cannot be interrupted");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(10));
            assertThat(held).as("Helm did connect and wait").isNotEmpty();
            assertThat(log).anyMatch(line -> line.contains("abandoned"));
        } finally {
            // Let the abandoned native call see its connection close so its thread can end.
            for (Socket socket : held) {
                socket.close();
            }
        }
    }
}
