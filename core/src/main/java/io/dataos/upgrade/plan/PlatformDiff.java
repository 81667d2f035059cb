package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.CloudKernel;
import io.dataos.upgrade.model.Cluster;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.Stack;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What differs between an installed state and another manifest, layer by layer, with names sorted
 * so that plans built from it are stable. Both planners start here.
 */
final class PlatformDiff {

    /** A stack that differs; {@code installed} or {@code target} is null when only one side has it. */
    record StackChange(String name, Stack installed, Stack target) {}

    /** A cluster whose image differs on both sides. */
    record ClusterChange(String name, Cluster installed, Cluster target) {}

    final PlatformManifest installed;
    final PlatformManifest target;
    final List<StackChange> stacks = new ArrayList<>();
    final List<ClusterChange> clusters = new ArrayList<>();
    final List<String> clustersOnlyInstalled = new ArrayList<>();
    final List<String> clustersOnlyTarget = new ArrayList<>();
    final CoreKernelRules.Analysis core;
    final boolean kubernetesChanged;
    final boolean iacChanged;
    final boolean postgresChanged;
    final boolean snapshotChanged;
    final boolean managerChanged;

    PlatformDiff(PlatformManifest installed, PlatformManifest target) {
        this.installed = installed;
        this.target = target;
        Map<String, Stack> installedStacks = new TreeMap<>();
        installed.userSpace().stacks().forEach(s -> installedStacks.put(s.name(), s));
        Map<String, Stack> targetStacks = new TreeMap<>();
        target.userSpace().stacks().forEach(s -> targetStacks.put(s.name(), s));
        TreeMap<String, Boolean> stackNames = new TreeMap<>();
        installedStacks.keySet().forEach(n -> stackNames.put(n, true));
        targetStacks.keySet().forEach(n -> stackNames.put(n, true));
        for (String name : stackNames.keySet()) {
            Stack now = installedStacks.get(name);
            Stack then = targetStacks.get(name);
            if (now == null || then == null || !now.version().equals(then.version())) {
                stacks.add(new StackChange(name, now, then));
            }
        }

        Map<String, Cluster> installedClusters = new TreeMap<>();
        installed.userSpace().clusters().forEach(c -> installedClusters.put(c.name(), c));
        Map<String, Cluster> targetClusters = new TreeMap<>();
        target.userSpace().clusters().forEach(c -> targetClusters.put(c.name(), c));
        for (Map.Entry<String, Cluster> entry : installedClusters.entrySet()) {
            Cluster then = targetClusters.get(entry.getKey());
            if (then == null) {
                clustersOnlyInstalled.add(entry.getKey());
            } else if (!then.image().equals(entry.getValue().image())) {
                clusters.add(new ClusterChange(entry.getKey(), entry.getValue(), then));
            }
        }
        for (String name : targetClusters.keySet()) {
            if (!installedClusters.containsKey(name)) {
                clustersOnlyTarget.add(name);
            }
        }

        core = CoreKernelRules.analyse(installed.coreKernel(), target.coreKernel());

        CloudKernel now = installed.cloudKernel();
        CloudKernel then = target.cloudKernel();
        kubernetesChanged = !now.kubernetes().version().equals(then.kubernetes().version());
        iacChanged = now.iac() != null && then.iac() != null && !now.iac().version().equals(then.iac().version());
        postgresChanged = !now.postgres().version().equals(then.postgres().version());
        snapshotChanged = then.postgres().snapshot() != null
                && !Objects.equals(now.postgres().snapshot(), then.postgres().snapshot());
        managerChanged = installed.manager().differsFrom(target.manager());
    }

    /**
     * Whether any layer or the manager release differs. A different Postgres snapshot counts only
     * for a rollback ({@code withData}): an upgrade keeps the data.
     */
    boolean isEmpty(boolean withData) {
        return stacks.isEmpty() && clusters.isEmpty() && core.order().isEmpty() && !kubernetesChanged && !iacChanged
                && !postgresChanged && !(withData && snapshotChanged) && !managerChanged;
    }

    /**
     * The names that change in each layer, sorted (the Cloud Kernel as kubernetes, iac, postgres);
     * {@code withData} counts a Postgres data restore as a change, as for {@link #isEmpty}.
     */
    Map<Layer, List<String>> affected(boolean withData) {
        Map<Layer, List<String>> affected = new EnumMap<>(Layer.class);
        List<String> user = new ArrayList<>();
        stacks.forEach(s -> user.add(s.name()));
        clusters.forEach(c -> user.add(c.name()));
        user.sort(null);
        affected.put(Layer.USER_SPACE, user);
        List<String> coreNames = new ArrayList<>(core.order().stream().map(CoreKernelRules.Change::name).toList());
        coreNames.sort(null);
        affected.put(Layer.CORE_KERNEL, coreNames);
        List<String> cloud = new ArrayList<>();
        if (iacChanged) {
            cloud.add("iac");
        }
        if (kubernetesChanged) {
            cloud.add("kubernetes");
        }
        if (postgresChanged || withData && snapshotChanged) {
            cloud.add("postgres");
        }
        affected.put(Layer.CLOUD_KERNEL, cloud);
        return affected;
    }
}
