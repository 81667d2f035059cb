package io.dataos.upgrade.bench;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What running one command costs on top of starting a process: a bare
 * {@code ProcessBuilder("true").start().waitFor()}, the same through {@link LocalCommandRunner}
 * (output pump thread, masking, tail), and as a whole plan action through the executor (journal
 * events fsynced, handler, scheduling).
 *
 * <p>Arguments: {@code [commands=300]}.
 */
public final class CommandOverheadBench {

    private CommandOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        LocalCommandRunner runner = new LocalCommandRunner();
        for (int i = 0; i < 50; i++) { // warm-up, not measured
            new ProcessBuilder("true").start().waitFor();
            runner.run(Command.of("true"), line -> { });
        }
        double[] bare = new double[n];
        double[] viaRunner = new double[n];
        // Interleaved, so drift in machine load hits both alike.
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            new ProcessBuilder("true").start().waitFor();
            bare[i] = (System.nanoTime() - t0) / 1e6;
            t0 = System.nanoTime();
            runner.run(Command.of("true"), line -> { });
            viaRunner[i] = (System.nanoTime() - t0) / 1e6;
        }
        print("bare ProcessBuilder.start().waitFor() of true", bare);
        print("LocalCommandRunner.run(true)", viaRunner);
        System.out.printf(Locale.ROOT, "LocalCommandRunner overhead: %+.2f ms median per command (%.2fx bare)%n",
                median(viaRunner) - median(bare), median(viaRunner) / median(bare));

        Path root = Files.createTempDirectory("dataos-overhead-bench");
        List<PlanAction> plan = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            plan.add(new PlanAction("t" + i, Phase.PREPARE, null, null, ActionKind.PRE_CHECKS, null, null,
                    i == 0 ? List.of() : List.of("t" + (i - 1)), false, List.of(), "", Map.of("command",
                    "[\"true\"]")));
        }
        ActionHandlers handlers = ActionHandlers.builder().onEveryOtherKind(new CommandActionHandler()).build();
        PlanExecutor executor = PlanExecutor.builder(new LocalWorkspace(root), runner, handlers).parallelism(1).build();
        executor.run(RunRequest.of("warmup", "bench", plan.subList(0, 20)));
        long t0 = System.nanoTime();
        executor.run(RunRequest.of("chain", "bench", plan));
        double perAction = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf(Locale.ROOT, "executor, chain of %d 'true' actions, parallelism 1: %.2f ms per action"
                + " (%+.2f ms over a bare spawn; per action 6 journal events, 3 of them synced before going on)%n", n, perAction,
                perAction - median(bare));
    }

    private static void print(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-48s median %.2f ms, p90 %.2f ms, mean %.2f ms (n=%d)%n", what,
                median(ms), sorted[(int) (sorted.length * 0.9)], Arrays.stream(ms).average().orElse(0), ms.length);
    }

    private static double median(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
