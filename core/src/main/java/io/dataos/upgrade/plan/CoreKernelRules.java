package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.CoreComponent;
import io.dataos.upgrade.model.VersionChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The runbook's Core Kernel rollback rules, as analysis: which components change and how (semantic
 * version), which changed components are interdependent (connected through dependsOn, directly or
 * through unchanged components) and so roll back together as a group, and in which order. A
 * dependent is rolled back before what it depends on, the reverse of the order an upgrade brings
 * them up in: the newer dependency keeps serving the older dependent, while an older dependency
 * under a newer dependent is the combination most likely to break (see docs/planning.md).
 */
public final class CoreKernelRules {

    /** How a component changes in a rollback. */
    public enum ChangeType {
        MAJOR,
        MINOR,
        PATCH,
        /** Same version, different image: a rebuilt artifact. */
        IMAGE,
        /** Only the target has it: the release being rolled back removed it; it is installed again. */
        ADDED,
        /** Only the installed state has it: the release being rolled back introduced it; it is removed. */
        REMOVED
    }

    /** One changed component: its installed and target entries (either may be null) and the change. */
    public record Change(String name, CoreComponent installed, CoreComponent target, ChangeType type,
            VersionChange versionChange) {

        public Change {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** A major version change, or a component appearing or disappearing, needs its owner's word. */
        public boolean needsOwnerApproval() {
            return type == ChangeType.MAJOR || type == ChangeType.ADDED || type == ChangeType.REMOVED;
        }

        /** The owners to consult: the target's owner, and the installed one if it differs. */
        public List<String> owners() {
            LinkedHashSet<String> owners = new LinkedHashSet<>();
            if (target != null) {
                owners.add(target.owner());
            }
            if (installed != null) {
                owners.add(installed.owner());
            }
            return List.copyOf(owners);
        }
    }

    /**
     * The analysis: changes in rollback order; for each change the changes it must wait for (its
     * changed dependents, leaving out those already implied through another one); and the
     * interdependent groups (keyed by their alphabetically first member, members in rollback order).
     * Singletons are not groups.
     */
    public record Analysis(List<Change> order, Map<String, List<String>> waitsFor, Map<String, List<String>> groups,
            Map<String, String> groupOf) {}

    private CoreKernelRules() {}

    public static Analysis analyse(List<CoreComponent> installed, List<CoreComponent> target) {
        Map<String, CoreComponent> installedByName = byName(installed);
        Map<String, CoreComponent> targetByName = byName(target);
        TreeSet<String> allNames = new TreeSet<>(installedByName.keySet());
        allNames.addAll(targetByName.keySet());
        List<String> names = new ArrayList<>(allNames);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        int n = names.size();

        // Ordering graph: what runs now decides the order, so installed edges win; a component only
        // the target has brings the target's edges (these cannot close a cycle, see docs/planning.md).
        int[][] deps = new int[n][];
        Change[] changes = new Change[n];
        for (int i = 0; i < n; i++) {
            CoreComponent now = installedByName.get(names.get(i));
            CoreComponent then = targetByName.get(names.get(i));
            List<String> edges = (now != null ? now : then).dependsOn();
            deps[i] = edges.stream().mapToInt(index::get).toArray();
            changes[i] = change(names.get(i), now, then);
        }

        // Dependencies-first order of every component (Kahn); changed components are numbered in it,
        // so a changed component's number is higher than those of all its changed dependencies.
        int[] pending = new int[n];
        int[][] dependents = dependents(deps);
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int u = 0; u < n; u++) {
            pending[u] = deps[u].length;
            if (pending[u] == 0) {
                ready.add(u);
            }
        }
        int[] topological = new int[n];
        int visited = 0;
        while (!ready.isEmpty()) {
            int u = ready.poll();
            topological[visited++] = u;
            for (int dependent : dependents[u]) {
                if (--pending[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (visited != n) {
            throw new IllegalStateException("Core Kernel dependencies form a cycle; manifests are checked for cycles,"
                    + " so this is a bug");
        }
        int[] changedIndex = new int[n];
        List<Integer> changed = new ArrayList<>();
        for (int u : topological) {
            changedIndex[u] = changes[u] == null ? -1 : changed.size();
            if (changes[u] != null) {
                changed.add(u);
            }
        }
        int c = changed.size();

        // near[u]: the changed components reachable from u through unchanged ones only. reach[i]:
        // every changed component changed component i must roll back before (transitively). An edge
        // i -> v is kept only when v is not already reached through a nearer kept edge, which makes
        // the edges between changed components a transitive reduction: few edges even when
        // thousands of components share dependencies.
        BitSet[] near = new BitSet[n];
        BitSet[] reach = new BitSet[c];
        List<List<Integer>> before = new ArrayList<>(c); // before.get(v) = changes v waits for
        List<List<Integer>> after = new ArrayList<>(c);
        for (int i = 0; i < c; i++) {
            before.add(new ArrayList<>());
            after.add(new ArrayList<>());
        }
        int[] parent = new int[c];
        for (int i = 0; i < c; i++) {
            parent[i] = i;
        }
        int[] indegree = new int[c];
        for (int u : topological) {
            BitSet nearest = new BitSet();
            for (int d : deps[u]) {
                if (changedIndex[d] >= 0) {
                    nearest.set(changedIndex[d]);
                } else {
                    nearest.or(near[d]);
                }
            }
            int i = changedIndex[u];
            if (i < 0) {
                near[u] = nearest;
                continue;
            }
            BitSet reached = new BitSet();
            for (int v = nearest.previousSetBit(c); v >= 0; v = nearest.previousSetBit(v - 1)) {
                if (reached.get(v)) {
                    continue; // already ordered through a nearer dependency
                }
                reached.set(v);
                reached.or(reach[v]);
                before.get(v).add(i);
                after.get(i).add(v);
                indegree[v]++;
                union(parent, i, v);
            }
            reach[i] = reached;
        }

        // Rollback order: dependents first, ties broken by name for a stable plan.
        PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.comparing(i -> names.get(changed.get(i))));
        for (int i = 0; i < c; i++) {
            if (indegree[i] == 0) {
                queue.add(i);
            }
        }
        List<Change> order = new ArrayList<>(c);
        int[] position = new int[c];
        while (!queue.isEmpty()) {
            int i = queue.poll();
            position[i] = order.size();
            order.add(changes[changed.get(i)]);
            for (int v : after.get(i)) {
                if (--indegree[v] == 0) {
                    queue.add(v);
                }
            }
        }

        Map<String, List<String>> waitsFor = new HashMap<>();
        Map<Integer, List<Integer>> members = new HashMap<>();
        for (int i = 0; i < c; i++) {
            List<Integer> predecessors = before.get(i);
            predecessors.sort(Comparator.comparingInt(p -> position[p]));
            waitsFor.put(names.get(changed.get(i)), predecessors.stream().map(p -> names.get(changed.get(p))).toList());
            members.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
        }
        Map<String, List<String>> groups = new HashMap<>();
        Map<String, String> groupOf = new HashMap<>();
        for (List<Integer> group : members.values()) {
            if (group.size() < 2) {
                continue;
            }
            group.sort(Comparator.comparingInt(p -> position[p]));
            List<String> groupNames = group.stream().map(p -> names.get(changed.get(p))).toList();
            String key = new TreeSet<>(groupNames).first();
            groups.put(key, groupNames);
            for (String member : groupNames) {
                groupOf.put(member, key);
            }
        }
        return new Analysis(List.copyOf(order), waitsFor, groups, groupOf);
    }

    private static Change change(String name, CoreComponent installed, CoreComponent target) {
        if (installed == null) {
            return new Change(name, null, target, ChangeType.ADDED, null);
        }
        if (target == null) {
            return new Change(name, installed, null, ChangeType.REMOVED, null);
        }
        VersionChange versionChange = installed.version().changeTo(target.version());
        ChangeType type = switch (versionChange.type()) {
            case MAJOR -> ChangeType.MAJOR;
            case MINOR -> ChangeType.MINOR;
            case PATCH -> ChangeType.PATCH;
            case NONE -> Objects.equals(installed.image(), target.image()) ? null : ChangeType.IMAGE;
        };
        return type == null ? null : new Change(name, installed, target, type, versionChange);
    }

    private static int[][] dependents(int[][] deps) {
        int[] count = new int[deps.length];
        for (int[] edges : deps) {
            for (int d : edges) {
                count[d]++;
            }
        }
        int[][] dependents = new int[deps.length][];
        for (int i = 0; i < deps.length; i++) {
            dependents[i] = new int[count[i]];
        }
        int[] fill = new int[deps.length];
        for (int u = 0; u < deps.length; u++) {
            for (int d : deps[u]) {
                dependents[d][fill[d]++] = u;
            }
        }
        return dependents;
    }

    private static Map<String, CoreComponent> byName(List<CoreComponent> components) {
        Map<String, CoreComponent> map = new HashMap<>();
        for (CoreComponent component : components) {
            map.put(component.name(), component);
        }
        return map;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
