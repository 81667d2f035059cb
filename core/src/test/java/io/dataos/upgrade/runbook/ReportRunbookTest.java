package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.ReportRequest;
import io.dataos.upgrade.api.ReportResult;
import io.dataos.upgrade.api.ReportRunbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportRunbook} on the journal of a real executor run. */
class ReportRunbookTest {

    @TempDir
    Path dir;

    private static PlanAction command(String id, ActionKind kind, String argv, String after) {
        return new PlanAction(id, Phase.USER_SPACE, io.dataos.upgrade.model.Layer.USER_SPACE, "flare", kind, "6.0",
                "5.0", after == null ? List.of() : List.of(after), false, List.of(), "step " + id,
                Map.of("command", argv));
    }

    @Test
    void reportsOfAFailedRunAreWrittenFromItsJournal() throws Exception {
        LocalWorkspace workspace = new LocalWorkspace(dir);
        PlanExecutor.builder(workspace, new LocalCommandRunner(), ActionHandlers.builder()
                        .onEveryOtherKind(new CommandActionHandler()).build()).build()
                .run(RunRequest.of("run-7", "plan-7", List.of(
                        command("user-space.reinstall-stack.flare", ActionKind.REINSTALL_STACK, "[\"true\"]", null),
                        command("user-space.revert-cluster-image.minervaa", ActionKind.REVERT_CLUSTER_IMAGE,
                                "[\"false\"]", "user-space.reinstall-stack.flare"))));

        ReportResult byJournal = new ReportRunbook(RunbookPorts.of(new LocalCommandRunner(), workspace))
                .run(new ReportRequest(null, ".dataos-upgrade/runs/run-7/journal.jsonl", null, null, null));

        assertThat(byJournal.runId()).isEqualTo("run-7");
        assertThat(byJournal.kind()).isEqualTo("rollback");
        assertThat(byJournal.outcome()).isEqualTo("FAILED");
        assertThat(byJournal.rcaMarkdown()).isEqualTo("dataos-upgrade/reports/run-7/rca-report.md");
        assertThat(Files.readString(dir.resolve(byJournal.runReportMarkdown())))
                .contains("user-space.revert-cluster-image.minervaa");
        assertThat(Files.readString(dir.resolve(byJournal.rcaHtml()))).startsWith("<!DOCTYPE html>");
        assertThat(byJournal.debrief()).hasSize(4).allMatch(f -> f.startsWith("dataos-upgrade/reports/run-7/debrief/"));
    }

    @Test
    void aRunWithoutAJournalIsRefused() {
        LocalWorkspace workspace = new LocalWorkspace(dir);

        assertThatThrownBy(() -> new ReportRunbook(RunbookPorts.of(new LocalCommandRunner(), workspace))
                .run(ReportRequest.of("never-ran")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run 'never-ran' has no journal");
        assertThatThrownBy(() -> new ReportRunbook(RunbookPorts.of(new LocalCommandRunner(), workspace))
                .run(new ReportRequest(null, "somewhere/journal.jsonl", null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a run journal");
    }
}
