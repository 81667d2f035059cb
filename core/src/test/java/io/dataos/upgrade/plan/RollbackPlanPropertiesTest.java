package io.dataos.upgrade.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.model.CoreComponent;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * For any installed state and rollback target, the rollback plan is a DAG listed in dependency
 * order, keeps the layers top down, rolls dependents back before their dependencies, gates every
 * major change on its owner, and touches every changed component exactly once. Expectations are
 * computed here from the generated manifests, independently of the planner.
 */
class RollbackPlanPropertiesTest {

    private static final List<ActionKind> COMPONENT_KINDS = List.of(ActionKind.REMOVE_STACK, ActionKind.REINSTALL_STACK,
            ActionKind.REVERT_CLUSTER_IMAGE, ActionKind.ROLLBACK_COMPONENT, ActionKind.REMOVE_COMPONENT);

    /** A generated installed state and target. */
    record Scenario(PlatformState installed, Release target) {}

    static Scenario scenario(long seed, int components) {
        Random random = new Random(seed);
        Fixtures.Builder installed = Fixtures.platform("2.0.0").manager("2.0.0-" + random.nextInt(2), "2.0.0");
        Fixtures.Builder target = Fixtures.platform("1.0.0").manager("1.0.0", "1.0.0");
        List<String> inInstalled = new ArrayList<>();
        List<String> inTarget = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            String name = "c" + i;
            int presence = random.nextInt(10); // 0: installed only, 1: target only, else both
            String version = version(random);
            String targetVersion = random.nextInt(3) == 0 ? version : version(random);
            if (presence != 1) {
                installed.core(name, version, pick(random, inInstalled));
                inInstalled.add(name);
            }
            if (presence != 0) {
                target.core(name, targetVersion, pick(random, inTarget));
                inTarget.add(name);
            }
        }
        for (int i = 0; i < random.nextInt(6); i++) {
            int presence = random.nextInt(6);
            String version = (1 + random.nextInt(3)) + "." + random.nextInt(2);
            if (presence != 1) {
                installed.stack("s" + i, version);
            }
            if (presence != 0) {
                target.stack("s" + i, random.nextBoolean() ? version : (1 + random.nextInt(3)) + ".0");
            }
        }
        for (int i = 0; i < random.nextInt(4); i++) {
            installed.cluster("k" + i, "docker.io/rubiklabs/k" + i + ":0." + random.nextInt(3));
            target.cluster("k" + i, "docker.io/rubiklabs/k" + i + ":0." + random.nextInt(3));
        }
        installed.kubernetes("1." + (27 + random.nextInt(3))).iac("3." + random.nextInt(3) + ".0")
                .postgres("15." + random.nextInt(2), "pg-2.0.0");
        target.kubernetes("1." + (27 + random.nextInt(3))).iac("3." + random.nextInt(3) + ".0", "terraform", "apply")
                .postgres("15." + random.nextInt(2), random.nextBoolean() ? "pg-2.0.0" : "pg-1.0.0");
        return new Scenario(installed.state(), target.release());
    }

    private static String version(Random random) {
        return (1 + random.nextInt(3)) + "." + random.nextInt(3) + "." + random.nextInt(3);
    }

    private static String[] pick(Random random, List<String> earlier) {
        List<String> chosen = new ArrayList<>();
        for (String name : earlier) {
            if (random.nextInt(Math.max(2, earlier.size() / 2)) == 0) {
                chosen.add(name);
            }
        }
        return chosen.toArray(String[]::new);
    }

    @Property(tries = 120)
    void everyRollbackPlanIsADagThatSurvivesItsJson(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
        Scenario s = scenario(seed, size);
        Plan plan = new RollbackPlanner().plan(s.installed(), s.target());

        assertThat(Plan.graphProblem(plan.actions())).isNull();
        assertThat(PlanJson.read(PlanJson.write(plan))).isEqualTo(plan);
        assertThat(new RollbackPlanner().plan(s.installed(), s.target()).id()).isEqualTo(plan.id());
    }

    @Property(tries = 120)
    void everyChangedComponentIsRolledBackExactlyOnce(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
        Scenario s = scenario(seed, size);
        Plan plan = new RollbackPlanner().plan(s.installed(), s.target());

        Map<String, Integer> touched = new HashMap<>();
        for (PlanAction action : plan.actions()) {
            if (COMPONENT_KINDS.contains(action.kind())) {
                touched.merge(action.layer() + "/" + action.component(), 1, Integer::sum);
            }
        }
        Set<String> changed = new HashSet<>();
        Map<String, CoreComponent> installedCore = byName(s.installed().coreKernel());
        Map<String, CoreComponent> targetCore = byName(s.target().coreKernel());
        Set<String> names = new HashSet<>(installedCore.keySet());
        names.addAll(targetCore.keySet());
        for (String name : names) {
            CoreComponent now = installedCore.get(name);
            CoreComponent then = targetCore.get(name);
            if (now == null || then == null || !now.version().equals(then.version())) {
                changed.add(Layer.CORE_KERNEL + "/" + name);
            }
        }
        Map<String, String> installedStacks = new HashMap<>();
        s.installed().userSpace().stacks().forEach(st -> installedStacks.put(st.name(), st.version().toString()));
        Map<String, String> targetStacks = new HashMap<>();
        s.target().userSpace().stacks().forEach(st -> targetStacks.put(st.name(), st.version().toString()));
        Set<String> stackNames = new HashSet<>(installedStacks.keySet());
        stackNames.addAll(targetStacks.keySet());
        for (String name : stackNames) {
            String now = installedStacks.get(name);
            String then = targetStacks.get(name);
            if (now == null || then == null
                    || !io.dataos.upgrade.model.ComponentVersion.parse(now).equals(
                            io.dataos.upgrade.model.ComponentVersion.parse(then))) {
                changed.add(Layer.USER_SPACE + "/" + name);
            }
        }
        for (int i = 0; i < s.installed().userSpace().clusters().size(); i++) {
            if (!s.installed().userSpace().clusters().get(i).image().equals(
                    s.target().userSpace().clusters().get(i).image())) {
                changed.add(Layer.USER_SPACE + "/" + s.installed().userSpace().clusters().get(i).name());
            }
        }

        assertThat(touched.keySet()).isEqualTo(changed);
        assertThat(touched.values()).allMatch(count -> count == 1);
    }

    /** The actions of {@code layer} but the preparation's gates. */
    private static List<PlanAction> changesIn(Plan plan, Layer layer) {
        return PlanGraphs.inLayer(plan, layer).stream().filter(a -> a.kind() != ActionKind.CONFIRM_WRONG_WAY).toList();
    }

    @Property(tries = 120)
    void layersAndDependenciesKeepTheirOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int size) {
        Scenario s = scenario(seed, size);
        Plan plan = new RollbackPlanner().plan(s.installed(), s.target());
        if (plan.isEmpty()) {
            return;
        }
        Ancestry ancestry = new Ancestry(plan);

        // Top down: every action of an upper stage finishes before any action of a lower stage starts. The
        // go/no-go and the wrong-way confirmations are gates of the preparation (they carry the component's layer
        // for the reports, but nothing changes before they are approved).
        List<PlanAction> preparation = plan.actions().stream().filter(a -> a.kind() == ActionKind.ASSESS_RISK
                || a.kind() == ActionKind.CONFIRM_WRONG_WAY).toList();
        List<List<PlanAction>> stages = List.of(
                preparation,
                changesIn(plan, Layer.USER_SPACE),
                changesIn(plan, Layer.CORE_KERNEL),
                changesIn(plan, Layer.CLOUD_KERNEL),
                PlanGraphs.ofKind(plan, ActionKind.HELM_ROLLBACK),
                PlanGraphs.ofKind(plan, ActionKind.VERIFY_ROLLBACK));
        for (int upper = 0; upper < stages.size(); upper++) {
            for (int lower = upper + 1; lower < stages.size(); lower++) {
                for (PlanAction first : stages.get(upper)) {
                    for (PlanAction second : stages.get(lower)) {
                        assertThat(ancestry.before(first.id(), second.id())).as(first.id() + " before " + second.id())
                                .isTrue();
                    }
                }
            }
        }

        // Dependency order: a changed component goes before every changed component it depends on,
        // directly or through unchanged ones (installed edges; the target's for target-only components).
        Map<String, PlanAction> coreAction = new HashMap<>();
        for (PlanAction action : plan.actions()) {
            if (action.kind() == ActionKind.ROLLBACK_COMPONENT || action.kind() == ActionKind.REMOVE_COMPONENT) {
                coreAction.put(action.component(), action);
            }
        }
        Map<String, CoreComponent> installedCore = byName(s.installed().coreKernel());
        Map<String, CoreComponent> targetCore = byName(s.target().coreKernel());
        for (String dependent : coreAction.keySet()) {
            for (String dependency : reachable(dependent, installedCore, targetCore)) {
                if (coreAction.containsKey(dependency)) {
                    assertThat(ancestry.before(coreAction.get(dependent).id(), coreAction.get(dependency).id()))
                            .as(dependent + " before its dependency " + dependency).isTrue();
                }
            }
        }

        // A major change (or a component appearing or going) waits for its owner.
        for (PlanAction action : coreAction.values()) {
            String change = action.params().get(ActionParams.CHANGE);
            if (List.of("MAJOR", "ADDED", "REMOVED").contains(change)) {
                String gate = "core-kernel.owner-approval." + action.component();
                assertThat(ancestry.before(gate, action.id())).as(action.id() + " after " + gate).isTrue();
                assertThat(PlanGraphs.action(plan, gate).approvers())
                        .contains(action.component() + "-team@example.com");
            }
        }
    }

    private static Set<String> reachable(String from, Map<String, CoreComponent> installed,
            Map<String, CoreComponent> target) {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(edges(from, installed, target));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(edges(next, installed, target));
            }
        }
        return seen;
    }

    private static List<String> edges(String name, Map<String, CoreComponent> installed,
            Map<String, CoreComponent> target) {
        CoreComponent component = installed.containsKey(name) ? installed.get(name) : target.get(name);
        return component.dependsOn();
    }

    private static Map<String, CoreComponent> byName(List<CoreComponent> components) {
        Map<String, CoreComponent> map = new HashMap<>();
        components.forEach(c -> map.put(c.name(), c));
        return map;
    }

    /** Transitive predecessors of every action, as bit sets over action positions. */
    private static final class Ancestry {
        private final Map<String, Integer> position = new HashMap<>();
        private final List<BitSet> ancestors = new ArrayList<>();

        Ancestry(Plan plan) {
            for (PlanAction action : plan.actions()) {
                BitSet set = new BitSet();
                for (String dependency : action.dependsOn()) {
                    int at = position.get(dependency);
                    set.set(at);
                    set.or(ancestors.get(at));
                }
                position.put(action.id(), ancestors.size());
                ancestors.add(set);
            }
        }

        boolean before(String first, String second) {
            return ancestors.get(position.get(second)).get(position.get(first));
        }
    }
}
