package io.dataos.upgrade.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.api.ProgressEvent.ActionStep;
import io.dataos.upgrade.api.ProgressEvent.Message;
import io.dataos.upgrade.api.ProgressEvent.RunStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressEventTest {

    @TempDir
    Path dir;

    private String touch(String id, String dependsOn, boolean gate) {
        return "{\"id\":\"" + id + "\",\"phase\":\"PREPARE\",\"kind\":\"PRE_CHECKS\",\"requiresApproval\":" + gate
                + ",\"approvers\":[\"owner\"],\"dependsOn\":[" + (dependsOn == null ? "" : "\"" + dependsOn + "\"")
                + "],\"params\":{\"command\":\"[\\\"touch\\\",\\\"" + dir.resolve(id) + "\\\"]\"}}";
    }

    @Test
    void aRunReportsItsStepsAsTypedEventsAndItsLinesAsMessages() throws Exception {
        Path plan = Files.writeString(dir.resolve("plan.json"), "{\"planId\":\"custom\",\"actions\":["
                + touch("a", null, false) + "," + touch("b", "a", true) + "]}");
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        CommandPlanRunbook.Result result = new CommandPlanRunbook(RunbookPorts.local(dir, null)
                .withProgress(events::add)).run(new CommandPlanRequest(plan, "r1", 1, false, Map.of(), null, null));

        assertThat(result.status()).isEqualTo(RunbookStatus.WAITING_FOR_APPROVAL);
        assertThat(events).contains(new RunStep("r1", RunStep.Kind.STARTED, null),
                new ActionStep("r1", "a", ActionStep.State.STARTED),
                new ActionStep("r1", "a", ActionStep.State.SUCCEEDED),
                new ActionStep("r1", "b", ActionStep.State.WAITING_FOR_APPROVAL),
                new RunStep("r1", RunStep.Kind.FINISHED, "WAITING_FOR_APPROVAL"));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(Message.class));
    }

    @Test
    void aFrontDoorThatShowsLinesGetsTheMessagesOnly() {
        List<String> lines = new CopyOnWriteArrayList<>();
        var progress = ProgressEvent.messages(lines::add);

        progress.accept(new ActionStep("r1", "a", ActionStep.State.STARTED));
        progress.accept(new Message("upgrade 1.4.0 -> 1.5.0"));

        assertThat(lines).containsExactly("upgrade 1.4.0 -> 1.5.0");
    }
}
