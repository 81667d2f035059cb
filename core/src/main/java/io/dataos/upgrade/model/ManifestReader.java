package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.ManifestYaml.CloudYaml;
import io.dataos.upgrade.model.ManifestYaml.ClusterYaml;
import io.dataos.upgrade.model.ManifestYaml.CoreYaml;
import io.dataos.upgrade.model.ManifestYaml.ManagerYaml;
import io.dataos.upgrade.model.ManifestYaml.NotesYaml;
import io.dataos.upgrade.model.ManifestYaml.ReleaseFile;
import io.dataos.upgrade.model.ManifestYaml.StackYaml;
import io.dataos.upgrade.model.ManifestYaml.StakeholdersYaml;
import io.dataos.upgrade.model.ManifestYaml.StateFile;
import io.dataos.upgrade.model.ManifestYaml.UserSpaceYaml;
import io.dataos.upgrade.yaml.StrictYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a manifest into a {@link Release} or {@link PlatformState}: Jackson binds the YAML to
 * {@link ManifestYaml} records (unknown fields, duplicate keys and aliases refused by
 * {@link StrictYaml}), then every value is checked, failing on the first problem with the file,
 * the field path ({@code coreKernel[2].version}), its line and the fix.
 */
final class ManifestReader {

    /** Names the engine gives meaning to in {@code compatibility}; components may not take them. */
    static final Set<String> RESERVED_NAMES = Set.of("dataos", "manager", "kubernetes", "iac", "postgres");

    static final StrictYaml.Format RELEASE_FORMAT = format(Manifests.KIND_RELEASE);
    static final StrictYaml.Format STATE_FORMAT = format(Manifests.KIND_PLATFORM_STATE);

    private static final int MAX_TEXT = 1024;
    private static final int MAX_NOTE = 4000;
    private static final Pattern CONTACT = Pattern.compile("[A-Za-z0-9#@][A-Za-z0-9 ._@+#:/-]{0,253}");
    private static final Pattern PROGRAM = Pattern.compile("/?[A-Za-z0-9_][A-Za-z0-9_./-]{0,254}");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "csh", "tcsh", "fish", "ash",
            "cmd", "cmd.exe", "powershell", "pwsh", "eval", "env");
    private static final Duration MAX_DOWNTIME = Duration.ofDays(7);
    private static final String NAMESPACE = "a Kubernetes namespace: lower-case letters, digits and '-', at most 63";

    private final String source;
    private StrictYaml.Document<?> document;

    ManifestReader(String source) {
        this.source = source;
    }

    private static StrictYaml.Format format(String kind) {
        return new StrictYaml.Format("a manifest", "docs/release-manifest.md", "a manifest starts with 'apiVersion: "
                + Manifests.API_VERSION + "' and 'kind: " + kind + "'", "known fields here: ");
    }

    /** Reads either kind, as the file's {@code kind} says (a release unless it says PlatformState). */
    PlatformManifest read(byte[] yaml) {
        StrictYaml.Document<Void> scanned = StrictYaml.scan(yaml, source, RELEASE_FORMAT);
        if (Manifests.KIND_PLATFORM_STATE.equals(scanned.topLevel().get("kind"))) {
            return readPlatformState(yaml);
        }
        return readRelease(yaml);
    }

    Release readRelease(byte[] yaml) {
        header(StrictYaml.scan(yaml, source, RELEASE_FORMAT), Manifests.KIND_RELEASE);
        StrictYaml.Document<ReleaseFile> doc = bind(yaml, RELEASE_FORMAT, ReleaseFile.class);
        document = doc;
        ReleaseFile file = doc.value();
        ComponentVersion version = version(file.version(), "version");
        Manager manager = manager(required(file.manager(), "manager", "the manager section"));
        UserSpace userSpace = userSpace(required(file.userSpace(), "userSpace", "the userSpace section"));
        List<CoreComponent> core = coreKernel(required(file.coreKernel(), "coreKernel", "a list (use [] for none)"));
        CloudKernel cloud = cloudKernel(required(file.cloudKernel(), "cloudKernel", "the cloudKernel section"));
        checkNamesAcrossLayers(userSpace, core);
        Map<String, VersionRange> compatibility = compatibility(file.compatibility());
        Duration downtime = downtime(file.downtime());
        ReleaseNotes notes = notes(file.notes());
        return new Release(source, version, manager, userSpace, core, cloud, compatibility, downtime, notes);
    }

    PlatformState readPlatformState(byte[] yaml) {
        header(StrictYaml.scan(yaml, source, STATE_FORMAT), Manifests.KIND_PLATFORM_STATE);
        StrictYaml.Document<StateFile> doc = bind(yaml, STATE_FORMAT, StateFile.class);
        document = doc;
        StateFile file = doc.value();
        ComponentVersion version = version(file.version(), "version");
        Manager manager = manager(required(file.manager(), "manager", "the manager section"));
        UserSpace userSpace = userSpace(required(file.userSpace(), "userSpace", "the userSpace section"));
        List<CoreComponent> core = coreKernel(required(file.coreKernel(), "coreKernel", "a list (use [] for none)"));
        CloudKernel cloud = cloudKernel(required(file.cloudKernel(), "cloudKernel", "the cloudKernel section"));
        checkNamesAcrossLayers(userSpace, core);
        Stakeholders stakeholders = stakeholders(file.stakeholders());
        MaintenanceWindow window = null;
        String windowText = text(file.maintenanceWindow(), "maintenanceWindow", false);
        if (windowText != null) {
            try {
                window = MaintenanceWindow.parse(windowText);
            } catch (IllegalArgumentException e) {
                throw error("maintenanceWindow", e.getMessage());
            }
        }
        return new PlatformState(source, version, manager, userSpace, core, cloud, stakeholders, window);
    }

    private <T> StrictYaml.Document<T> bind(byte[] yaml, StrictYaml.Format format, Class<T> type) {
        try {
            return StrictYaml.read(yaml, source, format, type);
        } catch (InvalidInputException e) {
            if (e.field().equals("cloudKernel.iac.rollbackCommand") && e.getMessage().contains("not a list")) {
                throw new InvalidInputException(source, e.field(), "is not a list: commands run without a shell; write"
                        + " the command as an argv list, e.g. [terraform, -chdir=infra, apply, -auto-approve]"
                        + where(e.field()));
            }
            throw e;
        }
    }

    // ---- sections ---------------------------------------------------------------------------

    /** apiVersion and kind first: they decide which fields the rest of the file may have. */
    private void header(StrictYaml.Document<Void> scanned, String expectedKind) {
        document = scanned;
        String apiVersion = headerField(scanned, "apiVersion");
        if (apiVersion != null && !apiVersion.equals(Manifests.API_VERSION)) {
            throw error("apiVersion", "is '" + Identifiers.printable(apiVersion) + "': this tool reads '"
                    + Manifests.API_VERSION + "'");
        }
        String kind = headerField(scanned, "kind");
        if (kind != null && !kind.equals(expectedKind)) {
            String hint = expectedKind.equals(Manifests.KIND_RELEASE)
                    ? "pass a release manifest (kind: Release) here"
                    : "pass the installed platform state (kind: PlatformState) here";
            if (!kind.equals(Manifests.KIND_RELEASE) && !kind.equals(Manifests.KIND_PLATFORM_STATE)) {
                hint = "write 'Release' or 'PlatformState'";
            }
            throw error("kind", "is '" + Identifiers.printable(kind) + "' but " + expectedKind + " is expected: " + hint);
        }
    }

    /** A top-level scalar; missing is refused, a non-scalar is left to the binding to name. */
    private String headerField(StrictYaml.Document<Void> scanned, String key) {
        String value = scanned.topLevel().get(key);
        if (value == null && !scanned.lines().containsKey(key)) {
            throw new InvalidInputException(source, key, "is missing: add it (see docs/release-manifest.md)");
        }
        return value == null ? null : checkedText(value, key, MAX_TEXT);
    }

    private ComponentVersion version(String value, String path) {
        String text = text(value, path, true);
        try {
            return ComponentVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    private Manager manager(ManagerYaml manager) {
        String chart = name(manager.chart(), "manager.chart", Identifiers.CHART, false,
                "a chart reference such as dataos/dataos-manager");
        ComponentVersion chartVersion = version(manager.chartVersion(), "manager.chartVersion");
        String imageTag = name(manager.imageTag(), "manager.imageTag", Identifiers.TAG, true,
                "an image tag: 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'");
        String namespace = name(manager.namespace(), "manager.namespace", Identifiers.NAMESPACE, false, NAMESPACE);
        String releaseName = name(manager.releaseName(), "manager.releaseName", Identifiers.RELEASE_NAME, false,
                "a Helm release name: lower-case letters, digits, '.' and '-', at most 53");
        return new Manager(chart == null ? Manager.DEFAULT_CHART : chart, chartVersion, imageTag,
                namespace == null ? Manager.DEFAULT_NAMESPACE : namespace,
                releaseName == null ? Manager.DEFAULT_RELEASE_NAME : releaseName);
    }

    private UserSpace userSpace(UserSpaceYaml userSpace) {
        List<Stack> stacks = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<StackYaml> stackItems = items(required(userSpace.stacks(), "userSpace.stacks", "a list (use [] for none)"),
                "userSpace.stacks");
        for (int i = 0; i < stackItems.size(); i++) {
            StackYaml stack = stackItems.get(i);
            String at = "userSpace.stacks[" + i + "]";
            String name = componentName(stack.name(), at, null, i, "userSpace.stacks");
            ComponentVersion version = version(stack.version(), at + ".version");
            // Two versions of one stack run side by side; the same name and version twice is a mistake.
            Integer first = seen.putIfAbsent(name + " " + version, i);
            if (first != null) {
                throw error(at + ".version", "'" + name + " " + version + "' duplicates userSpace.stacks[" + first
                        + "]: a stack is identified by its name and version; remove one, or give it another version");
            }
            String installFile = text(stack.installFile(), at + ".installFile", false);
            if (installFile != null) {
                String problem = Identifiers.relativePathProblem(installFile);
                if (problem != null) {
                    throw error(at + ".installFile", problem);
                }
            }
            stacks.add(new Stack(name, version, installFile));
        }
        List<Cluster> clusters = new ArrayList<>();
        seen.clear();
        List<ClusterYaml> clusterItems = items(userSpace.clusters(), "userSpace.clusters");
        for (int i = 0; i < clusterItems.size(); i++) {
            ClusterYaml cluster = clusterItems.get(i);
            String at = "userSpace.clusters[" + i + "]";
            String name = componentName(cluster.name(), at, seen, i, "userSpace.clusters");
            clusters.add(new Cluster(name, image(cluster.image(), at + ".image", true)));
        }
        return new UserSpace(stacks, clusters);
    }

    private List<CoreComponent> coreKernel(List<CoreYaml> items) {
        items = items(items, "coreKernel");
        Map<String, Integer> seen = new HashMap<>();
        List<CoreComponent> components = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            CoreYaml item = items.get(i);
            String at = "coreKernel[" + i + "]";
            String name = componentName(item.name(), at, seen, i, "coreKernel");
            ComponentVersion version = version(item.version(), at + ".version");
            String owner = name(item.owner(), at + ".owner", Identifiers.OWNER, true,
                    "the owning team or person (letters, digits, spaces and . _ @ + -), consulted on a major change");
            List<String> dependsOn = texts(item.dependsOn(), at + ".dependsOn");
            ImageReference image = image(item.image(), at + ".image", false);
            String namespace = name(item.namespace(), at + ".namespace", Identifiers.NAMESPACE, false, NAMESPACE);
            components.add(new CoreComponent(name, version, owner, dependsOn, image, namespace));
        }
        // dependsOn may name components listed later, so check names once all are known.
        for (int i = 0; i < components.size(); i++) {
            Set<String> unique = new LinkedHashSet<>();
            List<String> deps = components.get(i).dependsOn();
            for (int d = 0; d < deps.size(); d++) {
                String dep = deps.get(d);
                String at = "coreKernel[" + i + "].dependsOn[" + d + "]";
                if (!seen.containsKey(dep)) {
                    throw new InvalidInputException(source, at, "names '" + Identifiers.printable(dep) + "', which is"
                            + " not a coreKernel component of this manifest" + where(at) + ": list it under coreKernel"
                            + " or remove it from dependsOn");
                }
                if (dep.equals(components.get(i).name())) {
                    throw new InvalidInputException(source, at, "makes '" + dep + "' depend on itself" + where(at)
                            + ": remove it");
                }
                if (!unique.add(dep)) {
                    throw new InvalidInputException(source, at, "lists '" + dep + "' twice" + where(at) + ": keep one");
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

    private CloudKernel cloudKernel(CloudYaml cloud) {
        CloudKernel.Kubernetes k8s = new CloudKernel.Kubernetes(version(required(cloud.kubernetes(),
                "cloudKernel.kubernetes", "the kubernetes section").version(), "cloudKernel.kubernetes.version"));
        CloudKernel.Iac iac = null;
        if (cloud.iac() != null) {
            iac = new CloudKernel.Iac(version(cloud.iac().version(), "cloudKernel.iac.version"),
                    rollbackCommand(cloud.iac().rollbackCommand()));
        }
        ManifestYaml.PostgresYaml postgres = required(cloud.postgres(), "cloudKernel.postgres", "the postgres section");
        String snapshot = name(postgres.snapshot(), "cloudKernel.postgres.snapshot", Identifiers.SNAPSHOT, false,
                "a snapshot name: letters, digits and . _ : - (e.g. dataos-pg-1.4.0-20261120)");
        return new CloudKernel(k8s, iac, new CloudKernel.Postgres(version(postgres.version(),
                "cloudKernel.postgres.version"), snapshot));
    }

    private List<String> rollbackCommand(List<String> command) {
        String path = "cloudKernel.iac.rollbackCommand";
        if (command == null) {
            return List.of();
        }
        String example = "write the command as an argv list, e.g. [terraform, -chdir=infra, apply, -auto-approve]";
        List<String> argv = texts(command, path);
        if (argv.isEmpty()) {
            throw error(path, "is empty: " + example + ", or leave rollbackCommand out");
        }
        String program = argv.get(0);
        String programPath = path + "[0]";
        if (!PROGRAM.matcher(program).matches()) {
            throw new InvalidInputException(source, programPath, "'" + Identifiers.printable(program)
                    + "' is not a program name or path" + where(programPath) + ": " + example);
        }
        String base = program.substring(program.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (SHELLS.contains(base)) {
            throw new InvalidInputException(source, programPath, "runs '" + base + "'" + where(programPath)
                    + ": commands run without a shell, so name the IaC tool itself; " + example);
        }
        Launchers.refuseShell(argv, source, path, example);
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).isEmpty() || argv.get(i).length() > 4096) {
                String at = path + "[" + i + "]";
                throw new InvalidInputException(source, at, "is empty or longer than 4096 characters" + where(at));
            }
        }
        return argv;
    }

    private Map<String, VersionRange> compatibility(Map<String, String> compatibility) {
        Map<String, VersionRange> ranges = new TreeMap<>();
        if (compatibility == null) {
            return ranges;
        }
        for (Map.Entry<String, String> entry : compatibility.entrySet()) {
            String key = entry.getKey();
            String path = "compatibility." + key;
            if (!Identifiers.NAME.matcher(key).matches()) {
                throw new InvalidInputException(source, "compatibility." + Identifiers.printable(key), "is not a"
                        + " component name: use dataos, manager, kubernetes, iac, postgres or the name of a coreKernel"
                        + " component or stack" + where(path));
            }
            String text = text(entry.getValue(), path, true);
            try {
                ranges.put(key, VersionRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }
        return ranges;
    }

    private Duration downtime(String value) {
        String text = text(value, "downtime", false);
        if (text == null) {
            return null;
        }
        try {
            Duration downtime = Duration.parse(text);
            if (downtime.isNegative() || downtime.compareTo(MAX_DOWNTIME) > 0) {
                throw error("downtime", "is " + text + ": give a duration between PT0M and P7D");
            }
            return downtime;
        } catch (DateTimeParseException e) {
            throw error("downtime", "'" + Identifiers.printable(text) + "' is not an ISO-8601 duration: write e.g."
                    + " PT45M or PT2H30M");
        }
    }

    private ReleaseNotes notes(NotesYaml notes) {
        if (notes == null) {
            return ReleaseNotes.NONE;
        }
        List<String> highlights = notes(notes.highlights(), "notes.highlights");
        List<String> breaking = notes(notes.breaking(), "notes.breaking");
        String url = text(notes.url(), "notes.url", false);
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
                throw error("notes.url", "'" + Identifiers.printable(url) + "' " + problem
                        + ": write e.g. https://dataos.info/releases/1.5");
            }
        }
        return new ReleaseNotes(highlights, breaking, url);
    }

    private Stakeholders stakeholders(StakeholdersYaml stakeholders) {
        if (stakeholders == null) {
            return Stakeholders.NONE;
        }
        return new Stakeholders(contacts(stakeholders.dataProductConsumers(), Stakeholders.Audience.DATA_PRODUCT_CONSUMERS),
                contacts(stakeholders.dataProductDevelopers(), Stakeholders.Audience.DATA_PRODUCT_DEVELOPERS),
                contacts(stakeholders.operators(), Stakeholders.Audience.OPERATORS),
                contacts(stakeholders.otherTeams(), Stakeholders.Audience.OTHER_TEAMS));
    }

    private List<String> contacts(List<String> contacts, Stakeholders.Audience audience) {
        String path = "stakeholders." + audience.key();
        List<String> list = texts(contacts, path);
        for (int i = 0; i < list.size(); i++) {
            if (!CONTACT.matcher(list.get(i)).matches()) {
                String at = path + "[" + i + "]";
                throw new InvalidInputException(source, at, "'" + Identifiers.printable(list.get(i)) + "' is not a"
                        + " contact" + where(at) + ": write an e-mail address, a team name or a #channel");
            }
        }
        return list;
    }

    // ---- shared checks ----------------------------------------------------------------------

    private String componentName(String value, String at, Map<String, Integer> seen, int index, String listPath) {
        String name = name(value, at + ".name", Identifiers.NAME, true,
                "a name of lower-case letters, digits and . _ + - (at most 63, starting and ending with a letter or"
                        + " digit)");
        if (RESERVED_NAMES.contains(name)) {
            throw error(at + ".name", "'" + name + "' is reserved for " + String.join(", ", new java.util.TreeSet<>(
                    RESERVED_NAMES)) + " in compatibility ranges: choose another name");
        }
        Integer first = seen == null ? null : seen.putIfAbsent(name, index);
        if (first != null) {
            throw error(at + ".name", "'" + name + "' duplicates " + listPath + "[" + first + "].name: names are unique"
                    + " within " + listPath + "; remove or rename one");
        }
        return name;
    }

    private void checkNamesAcrossLayers(UserSpace userSpace, List<CoreComponent> core) {
        Map<String, Integer> stacks = new HashMap<>();
        for (int i = 0; i < userSpace.stacks().size(); i++) {
            stacks.putIfAbsent(userSpace.stacks().get(i).name(), i);
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

    private ImageReference image(String value, String path, boolean required) {
        String text = text(value, path, required);
        if (text == null) {
            return null;
        }
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage());
        }
    }

    // ---- values -----------------------------------------------------------------------------

    /** " (line N)" for a path the file holds, else nothing. */
    private String where(String path) {
        int line = document == null ? 0 : document.line(path);
        return line > 0 ? " (line " + line + ")" : "";
    }

    private InvalidInputException error(String path, String problemAndFix) {
        return new InvalidInputException(source, path, problemAndFix + where(path));
    }

    private <T> T required(T value, String path, String expected) {
        if (value == null) {
            throw new InvalidInputException(source, path, "is missing: add " + expected
                    + " (see docs/release-manifest.md)");
        }
        return value;
    }

    /** The items of a list, refusing an empty ({@code - }) item; null means no list. */
    private <T> List<T> items(List<T> items, String path) {
        if (items == null) {
            return List.of();
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                String at = path + "[" + i + "]";
                throw new InvalidInputException(source, at, "is empty" + where(at) + ": write the item's fields, e.g."
                        + " '- name: ...'");
            }
        }
        return items;
    }

    private String text(String value, String path, boolean required) {
        if (value == null) {
            if (required) {
                throw new InvalidInputException(source, path, "is missing: add it (see docs/release-manifest.md)");
            }
            return null;
        }
        return checkedText(value, path, MAX_TEXT);
    }

    private String name(String value, String path, Pattern pattern, boolean required, String expected) {
        String text = text(value, path, required);
        if (text != null && !pattern.matcher(text).matches()) {
            throw error(path, "'" + Identifiers.printable(text) + "' is not valid: write " + expected);
        }
        return text;
    }

    /** A list of single-line texts; null means none. */
    private List<String> texts(List<String> values, String path) {
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String at = path + "[" + i + "]";
            if (values.get(i) == null) {
                throw new InvalidInputException(source, at, "is not a single value" + where(at) + ": write plain text");
            }
            result.add(checkedText(values.get(i), at, MAX_TEXT));
        }
        return result;
    }

    /** Free-text notes: line breaks allowed, other control characters not. */
    private List<String> notes(List<String> values, String path) {
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String at = path + "[" + i + "]";
            if (values.get(i) == null) {
                throw new InvalidInputException(source, at, "is not text" + where(at));
            }
            String text = values.get(i).replace("\r\n", "\n");
            if (text.length() > MAX_NOTE) {
                throw new InvalidInputException(source, at, "is longer than " + MAX_NOTE + " characters" + where(at)
                        + ": link the full notes through notes.url");
            }
            for (int c = 0; c < text.length(); c++) {
                char ch = text.charAt(c);
                if (ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f) {
                    throw new InvalidInputException(source, at, "contains a control character" + where(at)
                            + ": remove it");
                }
            }
            result.add(text.strip());
        }
        return result;
    }

    private String checkedText(String text, String path, int max) {
        if (text.length() > max) {
            throw new InvalidInputException(source, path, "is longer than " + max + " characters" + where(path));
        }
        for (int c = 0; c < text.length(); c++) {
            char ch = text.charAt(c);
            if (ch < 0x20 || ch == 0x7f) {
                throw new InvalidInputException(source, path, "contains a control character" + where(path)
                        + ": write a single line of plain text");
            }
        }
        return text;
    }

    /** The known field nearest to a misspelt one (case or at most two edits), else null. */
    static String closest(String key, List<String> known) {
        return StrictYaml.closest(key, known);
    }
}
