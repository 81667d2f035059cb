package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.realcluster.RealClusterBinaries;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code rehearse --cluster real} end to end, in the real-cluster tier (tag {@value #TAG}, run by
 * {@code -Preal-cluster}, as core's {@code @RealCluster} tests): a real control plane started from
 * realcluster/build's binaries, the real helm and kubectl under the production runbooks, a real
 * PostgreSQL. Binaries that are not built fail the test with the build command (never a skip).
 * Each rehearsal starts and stops its own control plane; afterwards none of its processes is alive.
 */
@Tag(RealClusterRehearsalTest.TAG)
class RealClusterRehearsalTest {

    /** The tag of the real-cluster tier (core's {@code RealCluster.TAG}). */
    static final String TAG = "real-cluster";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = RehearsalCommandLine.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    @Timeout(600)
    void theDefaultFaultFailsValidationOnTheRealClusterAndTheRollbackRestoresIt() throws Exception {
        RealClusterBinaries binaries = RealClusterBinaries.locate(); // fails with the build command when not built

        int code = run("rehearse", "--cluster", "real", "--work-dir", dir.toString());

        String printed = out.toString();
        Files.writeString(Path.of("target", "real-cluster-rehearsal-validation.log"), printed + err);
        assertThat(code).as(err + printed).isZero();
        assertThat(printed.lines()).allSatisfy(line -> assertThat(line).startsWith("[rehearsal] "));
        assertThat(printed).contains("REHEARSAL on a REAL Kubernetes control plane",
                "kube-apiserver " + binaries.kubernetesVersion(), "the REAL helm3 " + binaries.helm3Version(),
                "upgrade FAILED at 'verify.validate', rollback SUCCEEDED", "restored from the backup kit's dump",
                "critical tables as backed up: PASSED", "rehearsal passed", "figures: control plane start");
        String report = Files.readString(dir.resolve("workspace/reports/rehearsal-report.md"));
        assertThat(report).contains("on a real cluster", "kube-apiserver " + binaries.kubernetesVersion(),
                "| control plane start |");
        assertStopped(binaries);
    }

    @Test
    @Timeout(600)
    void helmFailureTimesOutOnRealStatefulSetStatusAndTheRollbackRunbookRestoresTheLastGoodRevisionWithHelm4()
            throws Exception {
        RealClusterBinaries binaries = RealClusterBinaries.locate();

        // helm 4: its --wait uses another watcher than helm 3's
        int code = run("rehearse", "--cluster", "real", "--helm", "helm4", "--fault", "helm-failure", "--work-dir",
                dir.toString());

        String printed = out.toString();
        Files.writeString(Path.of("target", "real-cluster-rehearsal-helm-failure.log"), printed + err);
        assertThat(code).as(err + printed).isZero();
        assertThat(printed).contains("the REAL helm4 " + binaries.helm4Version(), "-unready",
                // helm 4's watcher names the resource (helm 3 says "context deadline exceeded")
                "Error: UPGRADE FAILED: resource StatefulSet/dataos-manager/dataos-manager not ready",
                "upgrade FAILED at 'manager.helm-upgrade",
                "rollback SUCCEEDED (run " + Rehearsal.ROLLBACK_RUN + ")", "manager runs 1.4.0",
                "rehearsal passed");
        String report = Files.readString(dir.resolve("workspace/reports/rehearsal-report.md"));
        assertThat(report).contains("on a real cluster", "failed");
        assertStopped(binaries);
    }

    /** No process started from the cache's bin folder outlives the rehearsal, and the credentials are gone. */
    private void assertStopped(RealClusterBinaries binaries) {
        List<ProcessHandle> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.startsWith(binaries.bin().toString())).orElse(false))
                .toList();
        assertThat(left).as("control plane processes left running").isEmpty();
        assertThat(dir.resolve("cluster/control-plane/credentials")).doesNotExist();
        assertThat(dir.resolve("cluster/control-plane/logs/kube-apiserver.log")).exists();
    }
}
