package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.CloudKernel;
import io.dataos.upgrade.model.Cluster;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.Stack;
import java.util.ArrayList;
import java.util.Comparator;
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

    /**
     * A stack that differs; {@code installed} or {@code target} is null when only one side has it.
     * {@code key} names it in action ids: the name, or name-version where either side holds several
     * versions of the stack side by side.
     */
    record StackChange(String name, Stack installed, Stack target, String key) {

        /** The stack as people read it: its name, with the version where several run side by side. */
        String label() {
            return key.equals(name) ? name : (target != null ? target : installed).identity();
        }
    }

    /** A component that changes against the plan's direction, in {@code layer} (null: the dataos-manager chart). */
    record WrongWay(String component, Layer layer, String from, String to, List<String> owners) {}

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
        Map<String, List<Stack>> installedStacks = byName(installed.userSpace().stacks());
        Map<String, List<Stack>> targetStacks = byName(target.userSpace().stacks());
        TreeMap<String, Boolean> stackNames = new TreeMap<>();
        installedStacks.keySet().forEach(n -> stackNames.put(n, true));
        targetStacks.keySet().forEach(n -> stackNames.put(n, true));
        for (String name : stackNames.keySet()) {
            stacks.addAll(stackChanges(name, installedStacks.getOrDefault(name, List.of()),
                    targetStacks.getOrDefault(name, List.of())));
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

    private static Map<String, List<Stack>> byName(List<Stack> stacks) {
        Map<String, List<Stack>> byName = new TreeMap<>();
        for (Stack stack : stacks) {
            byName.computeIfAbsent(stack.name(), n -> new ArrayList<>()).add(stack);
        }
        byName.values().forEach(list -> list.sort(Comparator.comparing(Stack::version)));
        return byName;
    }

    /**
     * The changes of one stack name. Stacks are identified by name and version: a version on both
     * sides is unchanged. With one version on each side, the stack moves from one to the other
     * (reinstalled at the target's version). Where either side runs several versions side by side,
     * every version only installed is removed and every version only in the target is reinstalled,
     * each independently, so the versions both sides share are never touched.
     */
    private static List<StackChange> stackChanges(String name, List<Stack> installed, List<Stack> target) {
        boolean sideBySide = installed.size() > 1 || target.size() > 1;
        List<Stack> now = new ArrayList<>(installed);
        List<Stack> then = new ArrayList<>(target);
        for (Stack stack : target) {
            now.stream().filter(s -> s.version().equals(stack.version())).findFirst().ifPresent(same -> {
                now.remove(same);
                then.remove(stack);
            });
        }
        List<StackChange> changes = new ArrayList<>();
        if (!sideBySide && now.size() == 1 && then.size() == 1) {
            changes.add(new StackChange(name, now.get(0), then.get(0), key(then.get(0), sideBySide)));
            return changes;
        }
        now.forEach(s -> changes.add(new StackChange(name, s, null, key(s, sideBySide))));
        then.forEach(s -> changes.add(new StackChange(name, null, s, key(s, sideBySide))));
        return changes;
    }

    private static String key(Stack stack, boolean sideBySide) {
        return sideBySide ? stack.name() + "-" + stack.version() : stack.name();
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
        stacks.forEach(s -> user.add(s.label()));
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

    /**
     * The components that change the wrong way: for an upgrade ({@code upgrade}) those whose target
     * version is lower than the installed one, for a rollback those whose target version is higher.
     */
    List<WrongWay> wrongWay(boolean upgrade) {
        List<WrongWay> found = new ArrayList<>();
        for (StackChange change : stacks) {
            if (change.installed() != null && change.target() != null && wrong(upgrade,
                    change.installed().version().compareTo(change.target().version()))) {
                found.add(new WrongWay(change.name(), Layer.USER_SPACE, change.installed().version().toString(),
                        change.target().version().toString(), List.of()));
            }
        }
        for (CoreKernelRules.Change change : core.order()) {
            if (change.installed() != null && change.target() != null && wrong(upgrade,
                    change.installed().version().compareTo(change.target().version()))) {
                found.add(new WrongWay(change.name(), Layer.CORE_KERNEL, change.installed().version().toString(),
                        change.target().version().toString(), change.owners()));
            }
        }
        CloudKernel now = installed.cloudKernel();
        CloudKernel then = target.cloudKernel();
        if (iacChanged && wrong(upgrade, now.iac().version().compareTo(then.iac().version()))) {
            found.add(new WrongWay("iac", Layer.CLOUD_KERNEL, now.iac().version().toString(),
                    then.iac().version().toString(), List.of()));
        }
        if (postgresChanged && wrong(upgrade, now.postgres().version().compareTo(then.postgres().version()))) {
            found.add(new WrongWay("postgres", Layer.CLOUD_KERNEL, now.postgres().version().toString(),
                    then.postgres().version().toString(), List.of()));
        }
        if (upgrade && kubernetesChanged && now.kubernetes().version().compareTo(then.kubernetes().version()) > 0) {
            found.add(new WrongWay("kubernetes", Layer.CLOUD_KERNEL, now.kubernetes().version().toString(),
                    then.kubernetes().version().toString(), List.of()));
        }
        if (wrong(upgrade, installed.manager().chartVersion().compareTo(target.manager().chartVersion()))) {
            found.add(new WrongWay("dataos-manager", null, installed.manager().chartVersion().toString(),
                    target.manager().chartVersion().toString(), List.of()));
        }
        return found;
    }

    /** Whether a comparison installed-vs-target goes against the plan's direction. */
    private static boolean wrong(boolean upgrade, int installedVsTarget) {
        return upgrade ? installedVsTarget > 0 : installedVsTarget < 0;
    }

    /**
     * Adds one gate per wrong-way change after {@code after} (chained), approvers: the operators and
     * the component's owners; returns the id of the last action (for what must wait for them).
     */
    static String wrongWayGates(PlanGraph graph, List<WrongWay> changes, List<String> operators, String after,
            boolean upgrade) {
        String last = after;
        for (WrongWay change : changes) {
            List<String> approvers = new ArrayList<>(operators);
            change.owners().stream().filter(o -> !approvers.contains(o)).forEach(approvers::add);
            String what = change.component() + " " + change.from() + " -> " + change.to();
            last = graph.add(Phase.PREPARE, change.layer(), ActionKind.CONFIRM_WRONG_WAY, change.component())
                    .change(change.from(), change.to())
                    .gate(approvers)
                    .describe((upgrade ? "This upgrade downgrades " : "This rollback upgrades ") + what
                            + ": confirm that this is intended before anything changes")
                    .param(ActionParams.DIRECTION, upgrade ? "DOWNGRADE" : "UPGRADE")
                    .after(last).id;
        }
        return last;
    }

    /** The risk reason of the wrong-way changes, or null when there are none. */
    static String wrongWayReason(List<WrongWay> changes, boolean upgrade) {
        if (changes.isEmpty()) {
            return null;
        }
        return (upgrade ? "the upgrade downgrades " : "the rollback upgrades ") + String.join(", ", changes.stream()
                .map(c -> c.component() + " " + c.from() + " -> " + c.to()).toList())
                + ": a wrong-way change, confirmed at its gate";
    }
}
