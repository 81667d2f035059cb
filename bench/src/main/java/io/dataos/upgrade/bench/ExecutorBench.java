package io.dataos.upgrade.bench;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.PlanGraph;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Executor wall time against the two bounds of a plan: its critical path (no schedule finishes
 * sooner) and the serial sum (one action at a time). The plan is a layered random DAG of
 * {@code sleep} commands with simulated durations, from a fixed seed so runs are comparable.
 *
 * <p>Arguments: {@code [actions=200] [layers=10] [repeats=3] [parallelism list=1,4,16,64]
 * [mode=process|in-jvm]}. {@code in-jvm} sleeps inside the JVM instead of running {@code sleep},
 * isolating the executor's own cost (scheduling, journal syncs) from process spawning.
 */
public final class ExecutorBench {

    private static final long SEED = 20240611L;

    private ExecutorBench() {}

    public static void main(String[] args) throws Exception {
        int actions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] parallelisms = Arrays.stream((args.length > 3 ? args[3] : "1,4,16,64").split(","))
                .mapToInt(Integer::parseInt).toArray();
        boolean inJvm = args.length > 4 && args[4].equals("in-jvm");

        Map<String, Long> millis = new HashMap<>();
        List<PlanAction> plan = layeredPlan(actions, layers, millis);
        PlanGraph graph = PlanGraph.of("bench plan", plan);
        Duration critical = graph.criticalPath(a -> millis.get(a.id()));
        long serial = millis.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf(Locale.ROOT, "plan: %d sleep actions in %d layers, 20-50 ms each, seed %d, %s%n", actions,
                layers, SEED, inJvm ? "sleeping in the JVM (no process)" : "each a 'sleep' process");
        System.out.printf(Locale.ROOT, "bounds: critical path %.2f s, serial sum %.2f s%n", critical.toMillis() / 1e3,
                serial / 1e3);

        Path root = Files.createTempDirectory("dataos-executor-bench");
        run(root, "warmup", layeredPlan(20, 4, new HashMap<>()), 4, inJvm); // JIT and page cache, not measured
        for (int parallelism : parallelisms) {
            double[] walls = new double[repeats];
            double[] floors = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                RunResult result = run(root, "p" + parallelism + "-r" + r, plan, parallelism, inJvm);
                walls[r] = (System.nanoTime() - t0) / 1e9;
                if (!result.succeeded()) {
                    throw new IllegalStateException(result.message());
                }
                floors[r] = inJvm ? 0 : bareSpawns(plan, millis, parallelism);
            }
            Arrays.sort(walls);
            Arrays.sort(floors);
            double median = walls[repeats / 2];
            // With p slots, no schedule beats max(critical path, serial / p).
            double bound = Math.max(critical.toMillis(), (double) serial / parallelism) / 1e3;
            System.out.printf(Locale.ROOT,
                    "parallelism %2d: wall %.2f s (median of %d; min %.2f, max %.2f) = %.2fx its bound %.2f s"
                            + " [max(critical path, serial/p)], %.2fx the critical path, %.2fx serial;"
                            + " %.1f ms per action above the bound%s%n",
                    parallelism, median, repeats, walls[0], walls[repeats - 1], median / bound, bound,
                    median / (critical.toMillis() / 1e3), median / (serial / 1e3), (median - bound) * 1e3 / actions,
                    inJvm ? "" : String.format(Locale.ROOT, "; the same %d processes spawned bare by %d threads"
                            + " (no dependencies, no journal) take %.2f s, the executor %.2fx that", actions,
                            parallelism, floors[repeats / 2], median / floors[repeats / 2]));
        }
    }

    /** The machine's floor: the plan's sleep processes started by {@code threads} threads, ignoring the DAG. */
    private static double bareSpawns(List<PlanAction> plan, Map<String, Long> millis, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (PlanAction action : plan) {
            String seconds = String.format(Locale.ROOT, "%.3f", millis.get(action.id()) / 1000.0);
            running.add(pool.submit(() -> {
                Process process = new ProcessBuilder("sleep", seconds).redirectErrorStream(true).start();
                process.getOutputStream().close();
                process.getInputStream().readAllBytes();
                return process.waitFor();
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static RunResult run(Path root, String runId, List<PlanAction> plan, int parallelism, boolean inJvm)
            throws Exception {
        ActionHandler sleepInJvm = (action, context) -> {
            Thread.sleep(Math.round(Double.parseDouble(action.description().substring(6)) * 1000));
            return ActionOutcome.done(action.description());
        };
        ActionHandlers handlers = ActionHandlers.builder()
                .onEveryOtherKind(inJvm ? sleepInJvm : new CommandActionHandler()).build();
        return PlanExecutor.builder(new LocalWorkspace(root), new LocalCommandRunner(), handlers)
                .parallelism(parallelism)
                .build()
                .run(RunRequest.of(runId, "bench", plan));
    }

    /**
     * {@code count} actions spread over {@code layers}; each action after the first layer depends on
     * one to three actions of the layer before, picked at random (fixed seed).
     */
    static List<PlanAction> layeredPlan(int count, int layers, Map<String, Long> millisOut) {
        Random random = new Random(SEED);
        List<List<String>> byLayer = new ArrayList<>();
        List<PlanAction> plan = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int layer = (int) ((long) i * layers / count);
            while (byLayer.size() <= layer) {
                byLayer.add(new ArrayList<>());
            }
            String id = "a" + i;
            Set<String> deps = new LinkedHashSet<>();
            if (layer > 0) {
                List<String> previous = byLayer.get(layer - 1);
                int n = 1 + random.nextInt(3);
                for (int d = 0; d < n; d++) {
                    deps.add(previous.get(random.nextInt(previous.size())));
                }
            }
            long ms = 20 + random.nextInt(31);
            millisOut.put(id, ms);
            byLayer.get(layer).add(id);
            String seconds = String.format(Locale.ROOT, "%.3f", ms / 1000.0);
            plan.add(new PlanAction(id, Phase.PREPARE, null, id, ActionKind.PRE_CHECKS, null, null,
                    List.copyOf(deps), false, List.of(), "sleep " + seconds,
                    Map.of("command", "[\"sleep\",\"" + seconds + "\"]")));
        }
        return plan;
    }
}
