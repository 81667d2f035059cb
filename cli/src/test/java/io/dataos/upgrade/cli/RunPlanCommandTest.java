package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunPlanCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = DataosUpgradeCommand.newCommandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path plan(String json) throws Exception {
        return Files.writeString(dir.resolve("plan.json"), json);
    }

    private static String touch(String id, Path file, String dependsOn, boolean gate) {
        return "{\"id\":\"" + id + "\",\"phase\":\"PREPARE\",\"kind\":\"PRE_CHECKS\",\"requiresApproval\":" + gate
                + ",\"approvers\":[\"owner\"],\"dependsOn\":[" + (dependsOn == null ? "" : "\"" + dependsOn + "\"")
                + "],\"params\":{\"command\":\"[\\\"touch\\\",\\\"" + file + "\\\"]\"}}";
    }

    @Test
    void runsThePlansCommandsAndExitsZero() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Path planFile = plan("{\"planId\":\"custom\",\"actions\":[" + touch("a", a, null, false) + ","
                + touch("b", b, "a", false) + "]}");

        int exit = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString());

        assertThat(exit).isZero();
        assertThat(a).exists();
        assertThat(b).exists();
        assertThat(dir.resolve(".dataos-upgrade/runs/r1/journal.jsonl")).exists();
        assertThat(out.toString()).contains("run 'r1' succeeded: 2 actions");
    }

    @Test
    void dryRunCreatesNothing() throws Exception {
        Path a = dir.resolve("a");
        Path planFile = plan("[" + touch("a", a, null, false) + "]");

        int exit = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString(),
                "--dry-run");

        assertThat(exit).isZero();
        assertThat(a).doesNotExist();
        assertThat(out.toString()).contains("would run: touch " + a);
    }

    @Test
    void unapprovedGateExitsThreeAndApprovingResumes() throws Exception {
        Path a = dir.resolve("a");
        Path planFile = plan("[" + touch("gate", a, null, true) + "]");

        int waiting = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString());
        int resumed = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString(),
                "--approve", "gate=alice");

        assertThat(waiting).isEqualTo(RunPlanCommand.EXIT_WAITING_FOR_APPROVAL);
        assertThat(out.toString()).contains("waiting for approval of gate (approvers owner)");
        assertThat(resumed).isZero();
        assertThat(a).exists();
    }

    @Test
    void malformedPlanExitsTwoNamingFileAndField() throws Exception {
        Path planFile = plan("[{\"id\":\"a\",\"phase\":\"PREPARE\",\"kind\":\"PRE_CHECKS\",\"dependsOn\":[\"ghost\"],"
                + "\"params\":{\"command\":\"[\\\"true\\\"]\"}}]");

        int exit = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(planFile.toString(), "actions[0].dependsOn[0]", "ghost")
                .doesNotContain("Exception", "\tat ");
        assertThat(dir.resolve(".dataos-upgrade")).doesNotExist();
    }

    @Test
    void failingCommandExitsOneWithItsOutput() throws Exception {
        Path planFile = plan("[{\"id\":\"a\",\"phase\":\"PREPARE\",\"kind\":\"PRE_CHECKS\",\"params\":{\"command\":"
                + "\"[\\\"sh\\\",\\\"-c\\\",\\\"echo no route to cluster; exit 5\\\"]\"}}]");

        int exit = run("run-plan", "--plan", planFile.toString(), "--run-id", "r1", "--workspace", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("failed at action 'a'", "exited 5", "no route to cluster");
    }
}
