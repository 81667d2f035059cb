package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.cli.DataosUpgradeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RehearseCommandTest {

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
    @Timeout(180)
    void rehearsalWithValidationFaultRollsBackAndExitsZero() {
        int code = run("rehearse", "--fault", "validation", "--work-dir", dir.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString().lines()).allSatisfy(line -> assertThat(line).startsWith("[rehearsal] "));
        assertThat(out.toString()).contains("upgrade FAILED at 'verify.validate', rollback SUCCEEDED",
                "rehearsal passed", "figures: sandbox start", "PostgreSQL: a REAL local server",
                "running the production upgrade runbook", "restored from the backup kit's dump",
                "critical tables as backed up: PASSED");
        assertThat(dir.resolve("workspace/reports/rehearsal-report.md")).exists();
    }

    @Test
    void theRehearsalCommandLineStillHasEveryEngineCommand() {
        int code = run("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("rehearse", "plan", "upgrade", "rollback", "verify", "report")
                .doesNotContain("is not in this engine jar");
    }

    @Test
    void realClusterWithoutItsBinariesIsRefusedNamingThemWhereAndTheBuildCommand() throws Exception {
        Path emptyCache = java.nio.file.Files.createDirectories(dir.resolve("empty-cache"));
        Path work = dir.resolve("work");

        int code = run("rehearse", "--cluster", "real", "--cache", emptyCache.toString(), "--work-dir",
                work.toString());

        assertThat(code).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --cluster real", "helm3", "helm4", "etcd", "kube-apiserver",
                "kube-controller-manager", "kube-scheduler", "kubectl", "kwok",
                emptyCache.resolve("realcluster").toString(), "realcluster/build");
        assertThat(out.toString()).doesNotContain("REHEARSAL", "control plane up");
        assertThat(work).as("nothing written, nothing started").doesNotExist();
        assertThat(emptyCache).isEmptyDirectory();
    }

    @Test
    void realClusterOptionsAreCheckedBeforeAnythingRuns() {
        Path work = dir.resolve("work");

        assertThat(run("rehearse", "--cluster", "kind", "--work-dir", work.toString()))
                .isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(run("rehearse", "--cluster", "real", "--helm", "helm2", "--work-dir", work.toString()))
                .isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(run("rehearse", "--helm", "helm4", "--work-dir", work.toString()))
                .isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);

        assertThat(err.toString()).contains("'kind' is not a rehearsal cluster: use one of sandbox, real",
                "'helm2' is not a helm the real cluster has: use one of helm3, helm4",
                "--helm and --cache choose the real cluster's binaries: add --cluster real");
        assertThat(work).doesNotExist();
    }

    @Test
    void unknownFaultIsInvalidInputNamingTheOption() {
        int code = run("rehearse", "--fault", "meteor", "--work-dir", dir.resolve("x").toString());

        assertThat(code).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --fault", "fault", "none, validation, helm-failure, crash-and-resume");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    private static String testChart(String file) {
        return Path.of("src/test/resources/charts").resolve(file).toAbsolutePath().toString();
    }

    @Test
    void aMissingChartDirectoryIsInvalidInputNamingTheOption() {
        int code = run("rehearse", "--chart", dir.resolve("no-such-chart").toString(), "--values",
                testChart("values-with-monitor.yaml"), "--work-dir", dir.resolve("w").toString());

        assertThat(code).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --chart", "does not exist", "Chart.yaml");
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void aValuesFileInsideTheWorkDirectoryIsRefusedBecauseARehearsalClearsIt() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("w/workspace/values"));
        Path values = java.nio.file.Files.writeString(dir.resolve("w/workspace/values/mine.yaml"), "image: {tag: x}\n");

        int code = run("rehearse", "--chart", testChart("monitored-manager"), "--values", values.toString(),
                "--work-dir", dir.resolve("w").toString());

        assertThat(code).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --values", "inside the work directory", "keep it outside");
        assertThat(values).exists();
    }

    @Test
    void valuesWithoutChartAndChartWithoutValuesAreInvalidInput() {
        assertThat(run("rehearse", "--values", testChart("values-with-monitor.yaml"), "--work-dir",
                dir.resolve("w").toString())).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(run("rehearse", "--chart", testChart("monitored-manager"), "--work-dir",
                dir.resolve("w").toString())).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("--values goes with --chart", "--chart needs --values FILE");
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void installedAndReleaseGoTogetherAndWithChart() {
        String manifests = Path.of("src/test/resources/manifests").toAbsolutePath().toString();
        assertThat(run("rehearse", "--chart", testChart("monitored-manager"), "--values",
                testChart("values-with-monitor.yaml"), "--installed", manifests + "/acme-installed.yaml", "--work-dir",
                dir.resolve("w").toString())).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --installed", "--installed and --release go together");
        assertThat(run("rehearse", "--installed", manifests + "/acme-installed.yaml", "--release",
                manifests + "/acme-release.yaml", "--work-dir", dir.resolve("w").toString()))
                .isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("go with --chart and --values");
        assertThat(run("rehearse", "--chart", testChart("monitored-manager"), "--values",
                testChart("values-with-monitor.yaml"), "--installed", manifests + "/no-such.yaml", "--release",
                manifests + "/acme-release.yaml", "--work-dir", dir.resolve("w").toString()))
                .isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("no-such.yaml is not a file", "kind: PlatformState");
        assertThat(dir.resolve("w")).doesNotExist();
    }
}
