package io.dataos.upgrade.realcluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fixture itself: a real control plane comes up with a schedulable node, a StatefulSet's pod
 * becomes Ready through the real controllers and scheduler and kwok, and closing it leaves no
 * process behind (the processes and all their descendants) and no credentials.
 */
@RealCluster
class ControlPlaneTest {

    @Test
    void aStatefulSetBecomesReadyAndNothingOutlivesClose() throws Exception {
        RealClusterBinaries binaries = RealClusterBinaries.locate();
        Path dir = Files.createTempDirectory("control-plane-test-");
        List<ProcessHandle> started = new ArrayList<>();
        try (ControlPlane plane = ControlPlane.start(binaries, dir)) {
            for (long pid : plane.pids()) {
                ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
                started.add(handle);
                handle.descendants().forEach(started::add);
            }
            assertThat(plane.pids()).hasSize(5);
            Files.writeString(dir.resolve("start-time.txt"), plane.startTime().toMillis() + " ms\n");

            assertThat(plane.kubectlOrThrow("version", "-o", "json")).contains("\"gitVersion\": \""
                    + binaries.kubernetesVersion() + "\"");
            Path sts = dir.resolve("sts.yaml");
            Files.writeString(sts, """
                    apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: probe, namespace: default}
                    spec:
                      replicas: 2
                      serviceName: probe
                      selector: {matchLabels: {app: probe}}
                      template:
                        metadata: {labels: {app: probe}}
                        spec:
                          containers: [{name: probe, image: registry.example.invalid/probe:1}]
                    """);
            plane.kubectlOrThrow("apply", "-f", sts.toString());
            assertThat(plane.kubectlOrThrow("rollout", "status", "statefulset/probe", "-n", "default",
                    "--timeout=60s")).contains("complete");
            assertThat(plane.kubectlOrThrow("get", "pods", "-n", "default", "-l", "app=probe", "-o",
                    "jsonpath={.items[*].spec.nodeName}")).isEqualTo(ControlPlane.NODE + " " + ControlPlane.NODE);
        }
        assertThat(started).hasSizeGreaterThanOrEqualTo(5).noneMatch(ProcessHandle::isAlive);
        assertThat(dir.resolve("credentials")).doesNotExist();
        assertThat(dir.resolve("logs").resolve("kube-apiserver.log")).exists();
    }
}
