package io.jenkins.plugins.dataos;

import hudson.FilePath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What running the engine on the agent costs a step: the engine jar's copy to an agent (once per content hash),
 * the engine's own JVM and work ({@code java -jar engine.jar plan upgrade}, as a terminal runs it), and a whole
 * {@code dataosPlan} step through the plugin (wrapper JVM, engine JVM, following the log and status files), cold
 * (the first step on a new agent: the jar is copied) and warm. The difference between the step and the engine
 * alone is the plugin's launch overhead. Plain harness, real processes, the examples' manifests.
 * Run: {@code bench/run launch}.
 */
public final class StepLaunchBench {

    private StepLaunchBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Files.createTempDirectory("dataos-launch-bench");
        Path workspace = Files.createDirectories(root.resolve("ws"));
        Path examples = examples();
        Files.createDirectories(workspace.resolve("state"));
        Files.createDirectories(workspace.resolve("releases"));
        Files.copy(examples.resolve("installed-1.4.yaml"), workspace.resolve("state/installed.yaml"));
        Files.copy(examples.resolve("release-1.5.yaml"), workspace.resolve("releases/dataos-1.5.0.yaml"));
        Path jar = root.resolve("engine.jar");
        try (InputStream in = EngineJar.open()) {
            Files.copy(in, jar);
        }

        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            FilePath cache = new FilePath(root.resolve("copy-" + i).toFile());
            long t0 = System.nanoTime();
            EngineJar.install(cache);
            copies.add(ms(t0));
        }
        FilePath warmCache = new FilePath(root.resolve("copy-0").toFile());
        long w0 = System.nanoTime();
        EngineJar.install(warmCache);
        double warmCopy = ms(w0);

        List<Double> engine = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                    jar.toString(), "plan", "upgrade", "--installed", "state/installed.yaml", "--release",
                    "releases/dataos-1.5.0.yaml", "--out-dir", "bench-plan-" + i, "--output", "json")
                    .directory(workspace.toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve("engine-" + i + ".out").toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("the engine failed: " + Files.readString(root.resolve("engine-" + i
                        + ".out")));
            }
            engine.add(ms(t0));
        }

        List<Double> steps = new ArrayList<>();
        double cold = 0;
        for (int i = 0; i <= runs; i++) {
            // run 0 on a new agent root: the step copies the jar first
            Path agent = i == 0 ? root.resolve("agent-cold") : root.resolve("agent-warm");
            DataosPlanStep step = new DataosPlanStep("upgrade", "state/installed.yaml");
            step.setRelease("releases/dataos-1.5.0.yaml");
            step.setOutputDir("step-plan-" + i);
            TestStepContext context = new TestStepContext(workspace, Files.createDirectories(agent));
            long t0 = System.nanoTime();
            step.start(context).start();
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) context.await(120);
            double took = ms(t0);
            if (!result.containsKey("planId")) {
                throw new IllegalStateException("dataosPlan returned " + result);
            }
            if (i == 0) {
                cold = took;
            } else if (i > 1) {
                steps.add(took); // run 1 warms the warm agent's jar cache
            }
        }

        double engineMean = mean(engine);
        double stepMean = mean(steps);
        System.out.printf(Locale.ROOT, "%-58s %10s %10s%n", "what", "mean ms", "best ms");
        row("engine jar copied to a new agent (6 MB, MD5 checked)", copies);
        System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "engine jar already on the agent (exists check)", warmCopy);
        row("engine alone: java -jar engine.jar plan upgrade", engine);
        row("dataosPlan step, warm agent (wrapper + engine + follow)", steps);
        System.out.printf(Locale.ROOT, "%-58s %10.0f%n", "dataosPlan step, first on a new agent (copies the jar)", cold);
        System.out.printf(Locale.ROOT, "%-58s %10.0f  (%.0f%% of the warm step)%n",
                "launch overhead per step (warm step - engine alone)", stepMean - engineMean,
                100 * (stepMean - engineMean) / stepMean);
        System.exit(0);
    }

    private static void row(String what, List<Double> times) {
        System.out.printf(Locale.ROOT, "%-58s %10.0f %10.0f%n", what, mean(times),
                times.stream().mapToDouble(Double::doubleValue).min().orElse(0));
    }

    private static double mean(List<Double> times) {
        return times.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }

    private static Path examples() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples/installed-1.4.yaml"))) {
                return dir.resolve("examples");
            }
        }
        throw new IllegalStateException("run from the repository: examples/ not found");
    }
}
