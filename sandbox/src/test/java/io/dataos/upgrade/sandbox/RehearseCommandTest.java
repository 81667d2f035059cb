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
        assertThat(out.toString()).contains("upgrade FAILED at 'verify.validate'", "rollback SUCCEEDED", "rehearsal passed",
                "figures: sandbox start", "PostgreSQL: a REAL local server", "restored with pg_restore",
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
    void unknownFaultIsInvalidInputNamingTheOption() {
        int code = run("rehearse", "--fault", "meteor", "--work-dir", dir.resolve("x").toString());

        assertThat(code).isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        assertThat(err.toString()).contains("rehearse --fault", "fault", "none, validation, helm-failure, crash-and-resume");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
