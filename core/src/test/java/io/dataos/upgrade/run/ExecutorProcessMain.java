package io.dataos.upgrade.run;

import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A plan run in its own process, for the kill-point tests: {@code WORKSPACE PLAN.json RUN_ID
 * PARALLELISM HALT_AFTER_SEQ LOCK [GATE=APPROVER…]}. With HALT_AFTER_SEQ &gt; 0 the process prints
 * {@code HALTED <seq> <type> <action>} once that journal event is durable and then freezes every journal
 * writer, so the test can SIGKILL it at exactly that point.
 */
public final class ExecutorProcessMain {

    private ExecutorProcessMain() {}

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        PlanActionsFile.Loaded plan = PlanActionsFile.parse(args[1], Files.readAllBytes(Path.of(args[1])));
        String runId = args[2];
        int parallelism = Integer.parseInt(args[3]);
        long haltAfter = Long.parseLong(args[4]);
        String lock = args[5].equals("-") ? null : args[5];
        Map<String, String> approved = new HashMap<>();
        for (int i = 6; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            approved.put(pair[0], pair[1]);
        }
        Journal.Listener halt = event -> {
            if (event.seq() == haltAfter) {
                System.out.println("HALTED " + event.seq() + " " + event.typeName() + " " + event.actionId());
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ignored) {
                        // frozen on purpose until killed
                    }
                }
            }
        };
        RunResult result = PlanExecutor.builder(new LocalWorkspace(workspace), new LocalCommandRunner(),
                        TestPlans.commandsForEveryKind())
                .parallelism(parallelism)
                .approvals(new PreApprovedGates(approved))
                .journalListener(haltAfter > 0 ? halt : null)
                .log(line -> System.out.println("LOG " + line))
                .build()
                .run(new RunRequest(runId, plan.planId(), plan.actions(), false, "kill-test", lock, null));
        System.out.println("RESULT " + result.status());
        System.exit(result.succeeded() ? 0 : 1);
    }
}
