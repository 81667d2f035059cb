package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.YamlTree.ListNode;
import io.dataos.upgrade.model.YamlTree.MapNode;
import io.dataos.upgrade.model.YamlTree.Node;
import io.dataos.upgrade.model.YamlTree.ScalarNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a parsed manifest into a {@link Release} or {@link PlatformState}, checking every field and
 * failing on the first problem with the file, the field path ({@code coreKernel[2].version}) and the
 * fix. Unknown fields are errors, so a typo never silently drops a setting.
 */
final class ManifestReader {

    /** Names the engine gives meaning to in {@code compatibility}; components may not take them. */
    static final Set<String> RESERVED_NAMES = Set.of("dataos", "manager", "kubernetes", "iac", "postgres");

    private static final int MAX_TEXT = 1024;
    private static final int MAX_NOTE = 4000;
    private static final Pattern CONTACT = Pattern.compile("[A-Za-z0-9#@][A-Za-z0-9 ._@+#:/-]{0,253}");
    private static final Pattern PROGRAM = Pattern.compile("/?[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "csh", "tcsh", "fish", "ash",
            "cmd", "cmd.exe", "powershell", "pwsh", "eval", "env");
    private static final Duration MAX_DOWNTIME = Duration.ofDays(7);

    private final String source;

    ManifestReader(String source) {
        this.source = source;
    }

    Release readRelease(Node root) {
        Fields top = header(root, Manifests.KIND_RELEASE, "apiVersion", "kind", "version", "manager", "userSpace",
                "coreKernel", "cloudKernel", "compatibility", "downtime", "notes");
        ComponentVersion version = version(top, "version");
        Manager manager = manager(top.map("manager", true));
        UserSpace userSpace = userSpace(top.map("userSpace", true));
        List<CoreComponent> core = coreKernel(top);
        CloudKernel cloud = cloudKernel(top.map("cloudKernel", true));
        checkNamesAcrossLayers(userSpace, core);
        Map<String, VersionRange> compatibility = compatibility(top.map("compatibility", false));
        Duration downtime = downtime(top);
        ReleaseNotes notes = notes(top.map("notes", false));
        return new Release(source, version, manager, userSpace, core, cloud, compatibility, downtime, notes);
    }

    PlatformState readPlatformState(Node root) {
        Fields top = header(root, Manifests.KIND_PLATFORM_STATE, "apiVersion", "kind", "version", "manager", "userSpace",
                "coreKernel", "cloudKernel", "stakeholders", "maintenanceWindow");
        ComponentVersion version = version(top, "version");
        Manager manager = manager(top.map("manager", true));
        UserSpace userSpace = userSpace(top.map("userSpace", true));
        List<CoreComponent> core = coreKernel(top);
        CloudKernel cloud = cloudKernel(top.map("cloudKernel", true));
        checkNamesAcrossLayers(userSpace, core);
        Stakeholders stakeholders = stakeholders(top.map("stakeholders", false));
        MaintenanceWindow window = null;
        String windowText = top.text("maintenanceWindow", false);
        if (windowText != null) {
            try {
                window = MaintenanceWindow.parse(windowText);
            } catch (IllegalArgumentException e) {
                throw top.error("maintenanceWindow", e.getMessage());
            }
        }
        return new PlatformState(source, version, manager, userSpace, core, cloud, stakeholders, window);
    }

    // ---- sections ---------------------------------------------------------------------------

    private Fields header(Node root, String expectedKind, String... allowed) {
        if (!(root instanceof MapNode map)) {
            throw new InvalidInputException(source, "(file)", "is not a YAML mapping: a manifest starts with"
                    + " 'apiVersion: " + Manifests.API_VERSION + "' and 'kind: " + expectedKind + "'");
        }
        Fields top = new Fields(map, "");
        String apiVersion = top.text("apiVersion", true);
        if (!apiVersion.equals(Manifests.API_VERSION)) {
            throw top.error("apiVersion", "is '" + Identifiers.printable(apiVersion) + "': this tool reads '"
                    + Manifests.API_VERSION + "'");
        }
        String kind = top.text("kind", true);
        if (!kind.equals(expectedKind)) {
            String hint = expectedKind.equals(Manifests.KIND_RELEASE)
                    ? "pass a release manifest (kind: Release) here"
                    : "pass the installed platform state (kind: PlatformState) here";
            if (!kind.equals(Manifests.KIND_RELEASE) && !kind.equals(Manifests.KIND_PLATFORM_STATE)) {
                hint = "write 'Release' or 'PlatformState'";
            }
            throw top.error("kind", "is '" + Identifiers.printable(kind) + "' but " + expectedKind + " is expected: " + hint);
        }
        top.allowOnly(allowed);
        return top;
    }

    private ComponentVersion version(Fields fields, String key) {
        String text = fields.text(key, true);
        try {
            return ComponentVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw fields.error(key, e.getMessage());
        }
    }

    private Manager manager(Fields manager) {
        manager.allowOnly("chart", "chartVersion", "imageTag", "namespace", "releaseName");
        String chart = manager.name("chart", Identifiers.CHART, false, "a chart reference such as dataos/dataos-manager");
        ComponentVersion chartVersion = version(manager, "chartVersion");
        String imageTag = manager.name("imageTag", Identifiers.TAG, true,
                "an image tag: 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
        String namespace = manager.name("namespace", Identifiers.NAMESPACE, false,
                "a Kubernetes namespace: lower-case letters, digits and '-', at most 63");
        String releaseName = manager.name("releaseName", Identifiers.RELEASE_NAME, false,
                "a Helm release name: lower-case letters, digits, '.' and '-', at most 53");
        return new Manager(chart == null ? Manager.DEFAULT_CHART : chart, chartVersion, imageTag,
                namespace == null ? Manager.DEFAULT_NAMESPACE : namespace,
                releaseName == null ? Manager.DEFAULT_RELEASE_NAME : releaseName);
    }

    private UserSpace userSpace(Fields userSpace) {
        userSpace.allowOnly("stacks", "clusters");
        List<Stack> stacks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Fields> stackItems = userSpace.maps("stacks", true);
        for (int i = 0; i < stackItems.size(); i++) {
            Fields stack = stackItems.get(i);
            stack.allowOnly("name", "version", "installFile");
            String name = componentName(stack, null, i, "userSpace.stacks");
            ComponentVersion version = version(stack, "version");
            // Two versions of one stack run side by side; the same name and version twice is a mistake.
            Integer first = seen.putIfAbsent(name + " " + version, i);
            if (first != null) {
                throw stack.error("version", "'" + name + " " + version + "' duplicates userSpace.stacks[" + first
                        + "]: a stack is identified by its name and version; remove one, or give it another version");
            }
            String installFile = stack.text("installFile", false);
            if (installFile != null) {
                String problem = Identifiers.relativePathProblem(installFile);
                if (problem != null) {
                    throw stack.error("installFile", problem);
                }
            }
            stacks.add(new Stack(name, version, installFile));
        }
        List<Cluster> clusters = new ArrayList<>();
        seen.clear();
        List<Fields> clusterItems = userSpace.maps("clusters", false);
        for (int i = 0; i < clusterItems.size(); i++) {
            Fields cluster = clusterItems.get(i);
            cluster.allowOnly("name", "image");
            String name = componentName(cluster, seen, i, "userSpace.clusters");
            clusters.add(new Cluster(name, image(cluster, "image", true)));
        }
        return new UserSpace(stacks, clusters);
    }

    private List<CoreComponent> coreKernel(Fields top) {
        List<Fields> items = top.maps("coreKernel", true);
        Map<String, Integer> seen = new HashMap<>();
        List<CoreComponent> components = new ArrayList<>();
        List<List<Fields.Located>> dependencies = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Fields item = items.get(i);
            item.allowOnly("name", "version", "owner", "dependsOn", "image", "namespace");
            String name = componentName(item, seen, i, "coreKernel");
            ComponentVersion version = version(item, "version");
            String owner = item.name("owner", Identifiers.OWNER, true,
                    "the owning team or person (letters, digits, spaces and . _ @ + -), consulted on a major change");
            List<Fields.Located> dependsOn = item.texts("dependsOn", false);
            dependencies.add(dependsOn);
            ImageReference image = image(item, "image", false);
            String namespace = item.name("namespace", Identifiers.NAMESPACE, false,
                    "a Kubernetes namespace: lower-case letters, digits and '-', at most 63");
            components.add(new CoreComponent(name, version, owner, dependsOn.stream().map(Fields.Located::text).toList(),
                    image, namespace));
        }
        // dependsOn may name components listed later, so check names once all are known.
        for (int i = 0; i < components.size(); i++) {
            Set<String> unique = new LinkedHashSet<>();
            for (Fields.Located dep : dependencies.get(i)) {
                if (!seen.containsKey(dep.text())) {
                    throw new InvalidInputException(source, dep.path(), "names '" + Identifiers.printable(dep.text())
                            + "', which is not a coreKernel component of this manifest (line " + dep.line() + "): list it"
                            + " under coreKernel or remove it from dependsOn");
                }
                if (dep.text().equals(components.get(i).name())) {
                    throw new InvalidInputException(source, dep.path(), "makes '" + dep.text() + "' depend on itself"
                            + " (line " + dep.line() + "): remove it");
                }
                if (!unique.add(dep.text())) {
                    throw new InvalidInputException(source, dep.path(), "lists '" + dep.text() + "' twice (line "
                            + dep.line() + "): keep one");
                }
            }
        }
        checkAcyclic(components, seen);
        return components;
    }

    /** Refuses a dependency cycle, naming it; iterative so that long chains cannot overflow the stack. */
    private void checkAcyclic(List<CoreComponent> components, Map<String, Integer> index) {
        int n = components.size();
        int[] state = new int[n]; // 0 new, 1 on the current path, 2 done
        int[] parent = new int[n];
        int[] nextChild = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            Deque<Integer> stack = new ArrayDeque<>();
            stack.push(root);
            state[root] = 1;
            parent[root] = -1;
            while (!stack.isEmpty()) {
                int node = stack.peek();
                List<String> deps = components.get(node).dependsOn();
                if (nextChild[node] < deps.size()) {
                    int child = index.get(deps.get(nextChild[node]++));
                    if (state[child] == 1) {
                        List<String> cycle = new ArrayList<>();
                        for (int at = node; at != child; at = parent[at]) {
                            cycle.add(components.get(at).name());
                        }
                        cycle.add(components.get(child).name());
                        java.util.Collections.reverse(cycle);
                        cycle.add(components.get(child).name());
                        throw new InvalidInputException(source, "coreKernel[" + node + "].dependsOn["
                                + (nextChild[node] - 1) + "]", "closes the dependency cycle " + String.join(" -> ", cycle)
                                + ": components must depend on each other in one direction only; remove one of these"
                                + " dependsOn entries");
                    }
                    if (state[child] == 0) {
                        state[child] = 1;
                        parent[child] = node;
                        stack.push(child);
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }

    private CloudKernel cloudKernel(Fields cloud) {
        cloud.allowOnly("kubernetes", "iac", "postgres");
        Fields kubernetes = cloud.map("kubernetes", true);
        kubernetes.allowOnly("version");
        CloudKernel.Kubernetes k8s = new CloudKernel.Kubernetes(version(kubernetes, "version"));
        CloudKernel.Iac iac = null;
        Fields iacFields = cloud.map("iac", false);
        if (iacFields != null) {
            iacFields.allowOnly("version", "rollbackCommand");
            iac = new CloudKernel.Iac(version(iacFields, "version"), rollbackCommand(iacFields));
        }
        Fields postgres = cloud.map("postgres", true);
        postgres.allowOnly("version", "snapshot");
        String snapshot = postgres.name("snapshot", Identifiers.SNAPSHOT, false,
                "a snapshot name: letters, digits and . _ : - (e.g. dataos-pg-1.4.0-20261120)");
        return new CloudKernel(k8s, iac, new CloudKernel.Postgres(version(postgres, "version"), snapshot));
    }

    private List<String> rollbackCommand(Fields iac) {
        Node node = iac.node("rollbackCommand");
        if (node == null || node instanceof ScalarNode s && s.text() == null) {
            return List.of();
        }
        String example = "write the command as an argv list, e.g. [terraform, -chdir=infra, apply, -auto-approve]";
        if (!(node instanceof ListNode)) {
            throw iac.error("rollbackCommand", "is not a list (line " + node.line() + "): commands run without a shell; "
                    + example);
        }
        List<Fields.Located> argv = iac.texts("rollbackCommand", true);
        if (argv.isEmpty()) {
            throw iac.error("rollbackCommand", "is empty: " + example + ", or leave rollbackCommand out");
        }
        Fields.Located program = argv.get(0);
        if (!PROGRAM.matcher(program.text()).matches()) {
            throw new InvalidInputException(source, program.path(), "'" + Identifiers.printable(program.text())
                    + "' is not a program name or path (line " + program.line() + "): " + example);
        }
        String base = program.text().substring(program.text().lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (SHELLS.contains(base)) {
            throw new InvalidInputException(source, program.path(), "runs '" + base + "' (line " + program.line()
                    + "): commands run without a shell, so name the IaC tool itself; " + example);
        }
        for (Fields.Located arg : argv) {
            if (arg.text().isEmpty() || arg.text().length() > 4096) {
                throw new InvalidInputException(source, arg.path(), "is empty or longer than 4096 characters (line "
                        + arg.line() + ")");
            }
        }
        return argv.stream().map(Fields.Located::text).toList();
    }

    private Map<String, VersionRange> compatibility(Fields compatibility) {
        Map<String, VersionRange> ranges = new TreeMap<>();
        if (compatibility == null) {
            return ranges;
        }
        for (String key : compatibility.keys()) {
            if (!Identifiers.NAME.matcher(key).matches()) {
                throw compatibility.error(key, "is not a component name: use dataos, manager, kubernetes, iac, postgres"
                        + " or the name of a coreKernel component or stack");
            }
            String text = compatibility.text(key, true);
            try {
                ranges.put(key, VersionRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw compatibility.error(key, e.getMessage());
            }
        }
        return ranges;
    }

    private Duration downtime(Fields top) {
        String text = top.text("downtime", false);
        if (text == null) {
            return null;
        }
        try {
            Duration downtime = Duration.parse(text);
            if (downtime.isNegative() || downtime.compareTo(MAX_DOWNTIME) > 0) {
                throw top.error("downtime", "is " + text + ": give a duration between PT0M and P7D");
            }
            return downtime;
        } catch (DateTimeParseException e) {
            throw top.error("downtime", "'" + Identifiers.printable(text) + "' is not an ISO-8601 duration: write e.g."
                    + " PT45M or PT2H30M");
        }
    }

    private ReleaseNotes notes(Fields notes) {
        if (notes == null) {
            return ReleaseNotes.NONE;
        }
        notes.allowOnly("highlights", "breaking", "url");
        List<String> highlights = notes.notes("highlights");
        List<String> breaking = notes.notes("breaking");
        String url = notes.text("url", false);
        if (url != null) {
            String problem = null;
            try {
                URI uri = new URI(url);
                if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                        || uri.getHost() == null) {
                    problem = "is not an http(s) address";
                }
            } catch (URISyntaxException e) {
                problem = "is not a valid address";
            }
            if (problem != null) {
                throw notes.error("url", "'" + Identifiers.printable(url) + "' " + problem
                        + ": write e.g. https://dataos.info/releases/1.5");
            }
        }
        return new ReleaseNotes(highlights, breaking, url);
    }

    private Stakeholders stakeholders(Fields fields) {
        if (fields == null) {
            return Stakeholders.NONE;
        }
        String[] keys = Arrays.stream(Stakeholders.Audience.values()).map(Stakeholders.Audience::key)
                .toArray(String[]::new);
        fields.allowOnly(keys);
        Map<Stakeholders.Audience, List<String>> contacts = new LinkedHashMap<>();
        for (Stakeholders.Audience audience : Stakeholders.Audience.values()) {
            List<String> list = new ArrayList<>();
            for (Fields.Located contact : fields.texts(audience.key(), false)) {
                if (!CONTACT.matcher(contact.text()).matches()) {
                    throw new InvalidInputException(source, contact.path(), "'" + Identifiers.printable(contact.text())
                            + "' is not a contact (line " + contact.line() + "): write an e-mail address, a team name"
                            + " or a #channel");
                }
                list.add(contact.text());
            }
            contacts.put(audience, list);
        }
        return new Stakeholders(contacts.get(Stakeholders.Audience.DATA_PRODUCT_CONSUMERS),
                contacts.get(Stakeholders.Audience.DATA_PRODUCT_DEVELOPERS),
                contacts.get(Stakeholders.Audience.OPERATORS), contacts.get(Stakeholders.Audience.OTHER_TEAMS));
    }

    // ---- shared checks ----------------------------------------------------------------------

    private String componentName(Fields item, Map<String, Integer> seen, int index, String listPath) {
        String name = item.name("name", Identifiers.NAME, true,
                "a name of lower-case letters, digits and . _ + - (at most 63, starting and ending with a letter or"
                        + " digit)");
        if (RESERVED_NAMES.contains(name)) {
            throw item.error("name", "'" + name + "' is reserved for " + String.join(", ", new java.util.TreeSet<>(
                    RESERVED_NAMES)) + " in compatibility ranges: choose another name");
        }
        Integer first = seen == null ? null : seen.putIfAbsent(name, index);
        if (first != null) {
            throw item.error("name", "'" + name + "' duplicates " + listPath + "[" + first + "].name: names are unique"
                    + " within " + listPath + "; remove or rename one");
        }
        return name;
    }

    private void checkNamesAcrossLayers(UserSpace userSpace, List<CoreComponent> core) {
        Map<String, Integer> stacks = new HashMap<>();
        for (int i = 0; i < userSpace.stacks().size(); i++) {
            stacks.put(userSpace.stacks().get(i).name(), i);
        }
        for (int i = 0; i < core.size(); i++) {
            Integer stack = stacks.get(core.get(i).name());
            if (stack != null) {
                throw new InvalidInputException(source, "coreKernel[" + i + "].name", "'" + core.get(i).name()
                        + "' is also userSpace.stacks[" + stack + "].name: a compatibility range could not tell them"
                        + " apart; rename one");
            }
        }
    }

    private ImageReference image(Fields item, String key, boolean required) {
        String text = item.text(key, required);
        if (text == null) {
            return null;
        }
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw item.error(key, e.getMessage());
        }
    }

    // ---- navigation -------------------------------------------------------------------------

    /** A mapping at a field path, with typed accessors that fail with that path. */
    private final class Fields {

        /** A scalar list item with its path and line, for errors about one element. */
        record Located(String text, String path, int line) {}

        private final MapNode map;
        private final String path;

        Fields(MapNode map, String path) {
            this.map = map;
            this.path = path;
        }

        String field(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        Set<String> keys() {
            return map.entries().keySet();
        }

        Node node(String key) {
            return map.entries().get(key);
        }

        InvalidInputException error(String key, String problemAndFix) {
            Node node = node(key);
            String where = node == null ? "" : " (line " + node.line() + ")";
            return new InvalidInputException(source, field(key), problemAndFix + where);
        }

        void allowOnly(String... allowed) {
            List<String> known = List.of(allowed);
            for (String key : keys()) {
                if (!known.contains(key)) {
                    String suggestion = closest(key, known);
                    throw new InvalidInputException(source, field(key), "is not a known field (line "
                            + node(key).line() + "): " + (suggestion == null ? "" : "did you mean '" + suggestion + "'? ")
                            + "known fields here: " + String.join(", ", known));
                }
            }
        }

        private Node present(String key, boolean required, String expected) {
            Node node = node(key);
            if (node == null || node instanceof ScalarNode s && s.text() == null) {
                if (required) {
                    throw new InvalidInputException(source, field(key), "is missing: add " + expected
                            + " (see docs/release-manifest.md)");
                }
                return null;
            }
            return node;
        }

        String text(String key, boolean required) {
            Node node = present(key, required, "it");
            if (node == null) {
                return null;
            }
            if (!(node instanceof ScalarNode scalar)) {
                throw error(key, "is a " + (node instanceof MapNode ? "mapping" : "list") + " but a single value is"
                        + " expected");
            }
            return checkedText(scalar.text(), field(key), node.line(), MAX_TEXT);
        }

        String name(String key, Pattern pattern, boolean required, String expected) {
            String text = text(key, required);
            if (text != null && !pattern.matcher(text).matches()) {
                throw error(key, "'" + Identifiers.printable(text) + "' is not valid: write " + expected);
            }
            return text;
        }

        Fields map(String key, boolean required) {
            Node node = present(key, required, "the " + key + " section");
            if (node == null) {
                return null;
            }
            if (!(node instanceof MapNode child)) {
                throw error(key, "is not a mapping: write '" + key + ":' followed by indented fields");
            }
            return new Fields(child, field(key));
        }

        private ListNode list(String key, boolean required) {
            Node node = present(key, required, "a list (use [] for none)");
            if (node == null) {
                return null;
            }
            if (!(node instanceof ListNode list)) {
                throw error(key, "is not a list: write one '- ' item per line, or [] for none");
            }
            return list;
        }

        List<Fields> maps(String key, boolean required) {
            ListNode list = list(key, required);
            List<Fields> result = new ArrayList<>();
            if (list == null) {
                return result;
            }
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = field(key) + "[" + i + "]";
                if (!(item instanceof MapNode child)) {
                    throw new InvalidInputException(source, itemPath, "is not a mapping (line " + item.line()
                            + "): write the item's fields, e.g. '- name: ...'");
                }
                result.add(new Fields(child, itemPath));
            }
            return result;
        }

        List<Located> texts(String key, boolean required) {
            ListNode list = list(key, required);
            List<Located> result = new ArrayList<>();
            if (list == null) {
                return result;
            }
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = field(key) + "[" + i + "]";
                if (!(item instanceof ScalarNode scalar) || scalar.text() == null) {
                    throw new InvalidInputException(source, itemPath, "is not a single value (line " + item.line()
                            + "): write plain text");
                }
                result.add(new Located(checkedText(scalar.text(), itemPath, item.line(), MAX_TEXT), itemPath,
                        item.line()));
            }
            return result;
        }

        /** Free-text notes: line breaks allowed, other control characters not. */
        List<String> notes(String key) {
            ListNode list = list(key, false);
            List<String> result = new ArrayList<>();
            if (list == null) {
                return result;
            }
            for (int i = 0; i < list.items().size(); i++) {
                Node item = list.items().get(i);
                String itemPath = field(key) + "[" + i + "]";
                if (!(item instanceof ScalarNode scalar) || scalar.text() == null) {
                    throw new InvalidInputException(source, itemPath, "is not text (line " + item.line() + ")");
                }
                String text = scalar.text().replace("\r\n", "\n");
                if (text.length() > MAX_NOTE) {
                    throw new InvalidInputException(source, itemPath, "is longer than " + MAX_NOTE
                            + " characters (line " + item.line() + "): link the full notes through notes.url");
                }
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    if (ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f) {
                        throw new InvalidInputException(source, itemPath, "contains a control character (line "
                                + item.line() + "): remove it");
                    }
                }
                result.add(text.strip());
            }
            return result;
        }

        private String checkedText(String text, String fieldPath, int line, int max) {
            if (text.length() > max) {
                throw new InvalidInputException(source, fieldPath, "is longer than " + max + " characters (line " + line
                        + ")");
            }
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch < 0x20 || ch == 0x7f) {
                    throw new InvalidInputException(source, fieldPath, "contains a control character (line " + line
                            + "): write a single line of plain text");
                }
            }
            return text;
        }
    }

    /** The known field nearest to a misspelt one (case or at most two edits), else null. */
    static String closest(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int distance = candidate.equalsIgnoreCase(key) ? 0 : distance(key.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
