package io.dataos.upgrade.bench;

import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.plan.UpgradePlanner;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Plain-harness benchmark of planning with 1 000 and 10 000 Core Kernel components: reading both
 * manifests from YAML, the rollback plan, the upgrade plan and writing the rollback plan as JSON.
 * Each case warms up, then reports the mean and best wall time per operation and the bytes the
 * thread allocated per operation. Run: {@code java -cp ... io.dataos.upgrade.bench.PlanningBenchmark [sizes...]}.
 */
public final class PlanningBenchmark {

    private PlanningBenchmark() {}

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(Locale.ROOT, "%-8s %-22s %10s %10s %14s %8s%n", "size", "operation", "mean ms", "best ms",
                "alloc MB/op", "actions");
        for (int size : sizes) {
            run(size);
        }
    }

    private static void run(int size) {
        byte[] installedYaml = manifest(size, true).getBytes(StandardCharsets.UTF_8);
        byte[] targetYaml = manifest(size, false).getBytes(StandardCharsets.UTF_8);
        int warmup = size >= 10_000 ? 3 : 10;
        int iterations = size >= 10_000 ? 10 : 30;
        PlatformState installed = Manifests.readPlatformState(installedYaml, "installed.yaml");
        Release target = Manifests.readRelease(targetYaml, "release.yaml");
        PlatformState before = Manifests.readPlatformState(manifest(size, false).replace("kind: Release",
                "kind: PlatformState").replaceAll("(?s)compatibility:.*", "").getBytes(StandardCharsets.UTF_8),
                "before.yaml");
        Release upgradeTo = Manifests.readRelease(manifest(size, true).replace("kind: PlatformState", "kind: Release")
                .getBytes(StandardCharsets.UTF_8), "upgrade.yaml");
        Plan rollback = new RollbackPlanner().plan(installed, target);
        Plan upgrade = new UpgradePlanner().plan(before, upgradeTo);

        measure(size, "read 2 manifests (YAML)", warmup, iterations, -1, () -> {
            Manifests.readPlatformState(installedYaml, "installed.yaml");
            return Manifests.readRelease(targetYaml, "release.yaml");
        });
        measure(size, "rollback plan", warmup, iterations, rollback.actions().size(),
                () -> new RollbackPlanner().plan(installed, target));
        measure(size, "upgrade plan", warmup, iterations, upgrade.actions().size(),
                () -> new UpgradePlanner().plan(before, upgradeTo));
        measure(size, "rollback plan to JSON", warmup, iterations, rollback.actions().size(),
                () -> PlanJson.write(rollback));
    }

    private static void measure(int size, String name, int warmup, int iterations, int actions, Supplier<Object> work) {
        Object sink = null;
        for (int i = 0; i < warmup; i++) {
            sink = work.get();
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long allocatedBefore = threads.getThreadAllocatedBytes(thread);
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            sink = work.get();
            long elapsed = System.nanoTime() - start;
            total += elapsed;
            best = Math.min(best, elapsed);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        System.out.printf(Locale.ROOT, "%-8d %-22s %10.2f %10.2f %14.1f %8s%n", size, name,
                total / 1e6 / iterations, best / 1e6, allocated / 1e6 / iterations, actions < 0 ? "" : actions);
    }

    /**
     * A manifest with {@code size} Core Kernel components, each depending on up to three earlier
     * ones. The installed side (after an upgrade) differs from the target in about a third of the
     * components: mostly patch and minor changes, some major, some added or removed.
     */
    static String manifest(int size, boolean installed) {
        Random random = new Random(42);
        StringBuilder yaml = new StringBuilder();
        yaml.append("apiVersion: dataos-upgrade/v1\nkind: ").append(installed ? "PlatformState" : "Release")
                .append("\nversion: ").append(installed ? "2.0.0" : "1.9.0").append('\n');
        yaml.append("manager:\n  chartVersion: ").append(installed ? "2.0.0" : "1.9.0").append("\n  imageTag: ")
                .append(installed ? "2.0.0" : "1.9.0").append('\n');
        yaml.append("userSpace:\n  stacks:\n");
        for (int i = 0; i < 20; i++) {
            String version = installed && i % 4 == 0 ? "6.0" : "5.0";
            boolean present = installed || i % 10 != 9;
            if (present) {
                yaml.append("    - name: stack").append(i).append("\n      version: \"").append(version)
                        .append("\"\n      installFile: environments/prod/stack").append(i).append("-").append(version)
                        .append(".yaml\n");
            }
        }
        yaml.append("  clusters:\n");
        for (int i = 0; i < 10; i++) {
            yaml.append("    - name: cluster").append(i).append("\n      image: docker.io/rubiklabs/minerva:0.")
                    .append(installed && i % 3 == 0 ? 5 : 4).append(".0\n");
        }
        // Draw every component's fate and dependencies first, so both sides agree on them.
        int[] kinds = new int[size];
        int[][] deps = new int[size][];
        for (int i = 0; i < size; i++) {
            kinds[i] = random.nextInt(100);
            deps[i] = random.ints(i == 0 ? 0 : random.nextInt(4), 0, Math.max(1, i)).distinct().toArray();
        }
        yaml.append("coreKernel:\n");
        for (int i = 0; i < size; i++) {
            int kind = kinds[i];
            if (!present(kind, installed)) { // 1% only installed, 1% only in the target
                continue;
            }
            int major = 1;
            int minor = 4;
            int patch = 0;
            if (installed) {
                if (kind < 20) {
                    patch = 1;
                } else if (kind < 30) {
                    minor = 5;
                } else if (kind < 33) {
                    major = 2;
                }
            }
            yaml.append("  - name: c").append(i).append("\n    version: ").append(major).append('.').append(minor)
                    .append('.').append(patch).append("\n    owner: team-").append(i % 50).append("@example.com\n");
            yaml.append("    dependsOn: [");
            boolean first = true;
            for (int d : deps[i]) {
                if (present(kinds[d], installed)) {
                    yaml.append(first ? "" : ", ").append('c').append(d);
                    first = false;
                }
            }
            yaml.append("]\n");
        }
        yaml.append("cloudKernel:\n  kubernetes:\n    version: \"1.28\"\n  iac:\n    version: ")
                .append(installed ? "3.2.0" : "3.1.0")
                .append("\n    rollbackCommand: [terraform, apply, -auto-approve]\n  postgres:\n    version: \"15.4\"\n"
                        + "    snapshot: pg-").append(installed ? "2.0.0" : "1.9.0").append('\n');
        if (!installed) {
            yaml.append("compatibility:\n  kubernetes: \">=1.27\"\n");
        }
        return yaml.toString();
    }

    private static boolean present(int kind, boolean installed) {
        return installed ? kind != 0 : kind != 1;
    }
}
