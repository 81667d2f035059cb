package io.dataos.upgrade.run;

import static io.dataos.upgrade.run.TestPlans.command;
import static io.dataos.upgrade.run.TestPlans.failing;
import static io.dataos.upgrade.run.TestPlans.gate;
import static io.dataos.upgrade.run.TestPlans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanExecutorTest {

    @TempDir
    Path dir;

    private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());

    private PlanExecutor.Builder executor() {
        return PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .log(logLines::add);
    }

    private Path log() {
        return dir.resolve("steps.log");
    }

    private List<String> steps() throws Exception {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    private RunHistory history(String runId) throws Exception {
        return JournalReader.read(new LocalWorkspace(dir), runId);
    }

    @Test
    void actionsStartOnlyAfterEverythingTheyDependOnHasEnded() throws Exception {
        List<PlanAction> plan = List.of(
                step("d", log(), 0.05, "b", "c"),
                step("a", log(), 0.1),
                step("b", log(), 0.05, "a"),
                step("c", log(), 0.2, "a"),
                step("e", log(), 0, "d"));

        RunResult result = executor().parallelism(4).build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        List<String> steps = steps();
        for (PlanAction action : plan) {
            for (String dep : action.dependsOn()) {
                assertThat(steps.indexOf("end:" + dep)).as(action.id() + " after " + dep)
                        .isLessThan(steps.indexOf("start:" + action.id()));
            }
        }
        assertThat(steps).hasSize(10);
    }

    @Test
    void independentActionsOverlapUpToTheParallelismBound() throws Exception {
        List<PlanAction> plan = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            plan.add(step("s" + i, log(), 0.3));
        }

        RunResult result = executor().parallelism(3).build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.succeeded()).isTrue();
        int running = 0;
        int most = 0;
        for (String line : steps()) {
            running += line.startsWith("start:") ? 1 : -1;
            most = Math.max(most, running);
        }
        assertThat(most).as("most actions observed running at once").isEqualTo(3);
    }

    @Test
    void parallelismOfOneRunsThePlanSerially() throws Exception {
        List<PlanAction> plan = List.of(step("a", log(), 0.1), step("b", log(), 0.1), step("c", log(), 0.1));

        executor().parallelism(1).build().run(RunRequest.of("r1", "p", plan));

        assertThat(steps()).containsExactly("start:a", "end:a", "start:b", "end:b", "start:c", "end:c");
    }

    @Test
    void firstFailureStopsSchedulingWhileRunningActionsFinishAndAreJournaled() throws Exception {
        List<PlanAction> plan = List.of(
                failing("broken", log(), 3, "helm: UPGRADE FAILED: timed out"),
                step("slow", log(), 0.6),
                step("later", log(), 0),
                step("after-broken", log(), 0, "broken"));

        RunResult result = executor().parallelism(2).build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failedAction()).isEqualTo("broken");
        assertThat(result.error()).contains("exited 3");
        assertThat(result.outputTail()).contains("UPGRADE FAILED: timed out");
        assertThat(result.message()).contains("broken", "exited 3", "UPGRADE FAILED", "same run id");
        assertThat(steps()).contains("start:slow", "end:slow").doesNotContain("start:later", "start:after-broken");
        assertThat(result.states()).containsEntry("slow", ActionState.SUCCEEDED)
                .containsEntry("later", ActionState.SKIPPED).containsEntry("after-broken", ActionState.SKIPPED);
        RunHistory history = history("r1");
        assertThat(history.state("slow")).isEqualTo(ActionState.SUCCEEDED);
        assertThat(history.state("broken")).isEqualTo(ActionState.FAILED);
        assertThat(history.action("broken").outputTail()).contains("UPGRADE FAILED");
        assertThat(history.state("later")).isEqualTo(ActionState.SKIPPED);
        assertThat(history.lastStatus()).isEqualTo(RunStatus.FAILED);
    }

    @Test
    void resumingSkipsSucceededActionsAndRetriesTheFailedOneAndTheRest() throws Exception {
        Path ready = dir.resolve("ready");
        List<PlanAction> plan = List.of(
                step("a", log(), 0),
                command("needs-file", List.of("a"), "sh", "-c", "echo start:needs-file >> \"$1\"; test -e \"$2\"",
                        "sh", log().toString(), ready.toString()),
                step("c", log(), 0, "needs-file"));
        PlanExecutor executor = executor().build();

        RunResult first = executor.run(RunRequest.of("r1", "p", plan));
        Files.writeString(ready, "x");
        RunResult second = executor.run(RunRequest.of("r1", "p", plan));

        assertThat(first.status()).isEqualTo(RunStatus.FAILED);
        assertThat(second.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(steps()).containsExactly("start:a", "end:a", "start:needs-file", "start:needs-file", "start:c",
                "end:c");
        assertThat(history("r1").attempts()).isEqualTo(2);
        assertThat(history("r1").action("a").starts()).isEqualTo(1);
    }

    @Test
    void resumingWithAnotherPlanIsRefusedNamingTheJournal() throws Exception {
        PlanExecutor executor = executor().build();
        executor.run(RunRequest.of("r1", "p", List.of(step("a", log(), 0))));

        assertThatThrownBy(() -> executor.run(RunRequest.of("r1", "p", List.of(step("a", log(), 0), step("b", log(),
                0)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(".dataos-upgrade/runs/r1/journal.jsonl")
                .hasMessageContaining("planHash")
                .hasMessageContaining("new run id");
        assertThat(steps()).containsExactly("start:a", "end:a");
    }

    @Test
    void approvedGateRunsAndTheJournalNamesTheApprover() throws Exception {
        List<PlanAction> plan = List.of(step("a", log(), 0), gate(step("poros-major", log(), 0, "a"), "core-owner"));

        RunResult result = executor().approvals(new PreApprovedGates(Map.of("poros-major", "alice")))
                .build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.succeeded()).isTrue();
        assertThat(steps()).contains("start:poros-major");
        RunHistory history = history("r1");
        assertThat(history.action("poros-major").approvedBy()).isEqualTo("alice");
        assertThat(history.action("poros-major").approvedAt()).isNotBlank();
        JournalEvent approved = history.events().stream().filter(e -> e.is(EventType.ACTION_APPROVED)).findFirst()
                .orElseThrow();
        assertThat(approved.texts("approvers")).containsExactly("core-owner");
    }

    @Test
    void unapprovedGateStopsBeforeItAndItsDependentsButNotIndependentActions() throws Exception {
        List<PlanAction> plan = List.of(
                gate(step("poros-major", log(), 0), "core-owner", "platform-lead"),
                step("after-gate", log(), 0, "poros-major"),
                step("after-after", log(), 0, "after-gate"),
                step("independent", log(), 0));

        RunResult result = executor().build().run(RunRequest.of("r1", "p", plan));

        assertThat(result.status()).isEqualTo(RunStatus.WAITING_FOR_APPROVAL);
        assertThat(result.message()).contains("waiting for approval of poros-major",
                "approvers core-owner, platform-lead");
        assertThat(steps()).containsExactly("start:independent", "end:independent");
        assertThat(result.states()).containsEntry("poros-major", ActionState.WAITING_FOR_APPROVAL)
                .containsEntry("after-gate", ActionState.SKIPPED).containsEntry("after-after", ActionState.SKIPPED);
        JournalEvent skipped = history("r1").events().stream()
                .filter(e -> e.is(EventType.ACTION_SKIPPED) && "after-after".equals(e.actionId())).findFirst()
                .orElseThrow();
        assertThat(skipped.text("reason")).contains("waiting for approval of poros-major");
    }

    @Test
    void approvingAWaitingGateAndRerunningResumesWithoutRepeatingWhatRan() throws Exception {
        List<PlanAction> plan = List.of(
                step("independent", log(), 0),
                gate(step("poros-major", log(), 0), "core-owner"),
                step("after-gate", log(), 0, "poros-major"));
        executor().build().run(RunRequest.of("r1", "p", plan));

        RunResult resumed = executor().approvals(new PreApprovedGates(Map.of("poros-major", "bob")))
                .build().run(RunRequest.of("r1", "p", plan));

        assertThat(resumed.succeeded()).isTrue();
        assertThat(steps()).containsExactly("start:independent", "end:independent", "start:poros-major",
                "end:poros-major", "start:after-gate", "end:after-gate");
    }

    @Test
    void rejectedGateStopsTheRunAndNothingAfterItRuns() throws Exception {
        List<PlanAction> plan = List.of(
                step("a", log(), 0),
                gate(step("new-cluster", log(), 0, "a"), "cloud-owner"),
                step("restore", log(), 0, "new-cluster"),
                step("unrelated-later", log(), 0, "a"));

        RunResult result = executor().parallelism(1)
                .approvals(new RejectAll("carol", "no new cluster this quarter")).build()
                .run(RunRequest.of("r1", "p", plan));

        assertThat(result.status()).isEqualTo(RunStatus.REJECTED);
        assertThat(result.rejectedGate()).isEqualTo("new-cluster");
        assertThat(result.message()).contains("new-cluster", "rejected", "carol", "no new cluster this quarter");
        assertThat(steps()).containsExactly("start:a", "end:a");
        assertThat(result.states()).containsEntry("new-cluster", ActionState.REJECTED)
                .containsEntry("restore", ActionState.SKIPPED).containsEntry("unrelated-later", ActionState.SKIPPED);
        assertThat(history("r1").state("new-cluster")).isEqualTo(ActionState.REJECTED);
    }

    @Test
    void autoApprovalIsRecordedAsAutomaticWithItsReason() throws Exception {
        List<PlanAction> plan = List.of(gate(step("g", log(), 0), "owner"));

        executor().approvals(new AutoApprove("sandbox rehearsal")).build().run(RunRequest.of("r1", "p", plan));

        RunHistory.ActionRecord gate = history("r1").action("g");
        assertThat(gate.approvedBy()).isEqualTo(AutoApprove.APPROVER);
        assertThat(gate.approvalNote()).isEqualTo("sandbox rehearsal");
    }

    @Test
    void dryRunJournalsAndShowsWhatWouldRunButRunsNothing() throws Exception {
        Path marker = dir.resolve("would-be-created");
        List<PlanAction> plan = List.of(
                command("touch-it", List.of(), "touch", marker.toString()),
                gate(command("gated", List.of("touch-it"), "touch", marker.toString()), "owner"));

        RunResult result = executor().build().run(RunRequest.of("r1", "p", plan).asDryRun());

        assertThat(marker).doesNotExist();
        assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.dryRun()).isTrue();
        assertThat(result.message()).contains("nothing was run");
        assertThat(logLines).anyMatch(l -> l.contains("would run: touch " + marker));
        assertThat(logLines).anyMatch(l -> l.contains("gated") && l.contains("needs approval by owner"));
        RunHistory history = history("r1");
        assertThat(history.events()).extracting(JournalEvent::typeName).containsExactly("run-started",
                "action-would-run", "command-would-run", "action-would-run", "command-would-run", "run-finished");
        assertThat(history.state("touch-it")).as("a dry run changes no state").isEqualTo(ActionState.PENDING);
        assertThat(history.attempts()).isZero();
    }

    @Test
    void missingHandlerIsReportedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        PlanAction handled = command("first", List.of(), "touch", marker.toString());
        PlanAction unhandled = new PlanAction("snapshot", handled.phase(), null, "postgres",
                ActionKind.RESTORE_POSTGRES, null, null, List.of("first"), false, List.of(), "", Map.of());
        ActionHandlers onlyPreChecks = ActionHandlers.builder().on(ActionKind.PRE_CHECKS, new CommandActionHandler())
                .build();

        assertThatThrownBy(() -> PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(), onlyPreChecks)
                .build().run(RunRequest.of("r1", "p", List.of(handled, unhandled))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("RESTORE_POSTGRES (snapshot)")
                .hasMessageContaining("actions[1].kind");
        assertThat(marker).doesNotExist();
        assertThat(dir.resolve(".dataos-upgrade")).doesNotExist();
    }

    @Test
    void malformedCommandParameterIsRefusedBeforeAnythingRuns() throws Exception {
        Path marker = dir.resolve("ran");
        List<PlanAction> plan = List.of(
                command("first", List.of(), "touch", marker.toString()),
                TestPlans.withParams("second", List.of(), Map.of("command", "terraform apply")));

        assertThatThrownBy(() -> executor().build().run(RunRequest.of("r1", "p", plan)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan action 'second'")
                .hasMessageContaining("params.command")
                .hasMessageContaining("JSON list");
        assertThat(marker).doesNotExist();
    }

    @Test
    void actionCutShortIsRecheckedAndNotRepeatedWhenItsEffectIsInPlace() throws Exception {
        Path effect = dir.resolve("effect");
        Files.writeString(effect, "done by the killed attempt");
        PlanAction action = TestPlans.withDoneCheck(step("a", log(), 0), "test", "-e", effect.toString());
        startedButNeverFinished("r1", action);

        RunResult result = executor().build().run(RunRequest.of("r1", "p", List.of(action)));

        assertThat(result.succeeded()).isTrue();
        assertThat(steps()).isEmpty();
        RunHistory history = history("r1");
        assertThat(history.events()).anyMatch(e -> e.is(EventType.ACTION_RECHECKED) && e.flag("done"));
        assertThat(history.events()).anyMatch(e -> e.is(EventType.ACTION_SUCCEEDED) && e.flag("recheck"));
    }

    @Test
    void actionCutShortIsRetriedWhenTheRecheckFindsItNotDone() throws Exception {
        PlanAction action = TestPlans.withDoneCheck(step("a", log(), 0), "test", "-e",
                dir.resolve("absent").toString());
        startedButNeverFinished("r1", action);

        RunResult result = executor().build().run(RunRequest.of("r1", "p", List.of(action)));

        assertThat(result.succeeded()).isTrue();
        assertThat(steps()).containsExactly("start:a", "end:a");
        assertThat(history("r1").events()).anyMatch(e -> e.is(EventType.ACTION_RECHECKED) && !e.flag("done"));
    }

    @Test
    void interruptingARunStopsItsCommandsAndAResumeRechecksThem() throws Exception {
        Path survived = dir.resolve("survived");
        PlanAction slow = command("slow", List.of(), "sh", "-c", "echo start:slow >> \"$1\"; sleep 5; touch \"$2\"",
                "sh", log().toString(), survived.toString());
        PlanExecutor executor = executor().build();
        RunResult[] result = new RunResult[1];
        boolean[] flagRestored = new boolean[1];
        Thread runner = new Thread(() -> {
            try {
                result[0] = executor.run(RunRequest.of("r1", "p", List.of(slow)));
                flagRestored[0] = Thread.currentThread().isInterrupted();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        runner.start();
        while (!steps().contains("start:slow")) {
            Thread.sleep(20);
        }
        runner.interrupt();
        runner.join(20_000);

        assertThat(result[0].status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(flagRestored[0]).isTrue();
        assertThat(history("r1").state("slow")).isEqualTo(ActionState.INTERRUPTED);
        assertThat(history("r1").action("slow").needsRecheck()).isTrue();
        Thread.sleep(300);
        assertThat(survived).as("the command was stopped").doesNotExist();
    }

    @Test
    void invalidRunIdIsRefused() {
        assertThatThrownBy(() -> executor().build().run(RunRequest.of("../escape", "p", List.of(step("a", log(), 0)))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("run id");
    }

    @Test
    void journalRecordsEveryCommandWithItsExitCodeAndElapsedTime() throws Exception {
        executor().build().run(RunRequest.of("r1", "p", List.of(failing("f", log(), 4, "boom"))));

        JournalEvent started = history("r1").events().stream().filter(e -> e.is(EventType.COMMAND_STARTED))
                .findFirst().orElseThrow();
        JournalEvent running = history("r1").events().stream().filter(e -> e.is(EventType.COMMAND_RUNNING))
                .findFirst().orElseThrow();
        JournalEvent finished = history("r1").events().stream().filter(e -> e.is(EventType.COMMAND_FINISHED))
                .findFirst().orElseThrow();
        assertThat(started.text("command")).startsWith("sh -c");
        assertThat(started.seq()).isLessThan(running.seq());
        assertThat(running.number("startSeq", -1)).isEqualTo(started.seq());
        assertThat(running.number("pid", -1)).isPositive();
        assertThat(finished.number("startSeq", -1)).isEqualTo(started.seq());
        assertThat(finished.number("exitCode", -1)).isEqualTo(4);
        assertThat(finished.fields().has("elapsedMs")).isTrue();
        assertThat(finished.text("outputTail")).isEqualTo("boom");
    }

    /** Writes the journal of an attempt that died after starting {@code action}. */
    private void startedButNeverFinished(String runId, PlanAction action) {
        RunHistory empty = RunHistory.empty(runId);
        Journal journal = Journal.continuing(new LocalWorkspace(dir), empty, java.time.Clock.systemUTC(), null);
        journal.append(EventType.RUN_STARTED, Journal.fields().put("planId", "p")
                .put("planHash", PlanHash.of(List.of(action))).put("dryRun", false));
        journal.append(EventType.ACTION_STARTED, Journal.about(action.id()));
    }
}
