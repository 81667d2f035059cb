package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.SettingsOverrides;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.kube.KubeTarget;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Stakeholders;
import io.dataos.upgrade.notify.NoticeChannels;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.verify.DurationText;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runbook settings file ({@code dataos-upgrade.yaml}, see docs/settings.md): the site facts the
 * release manifests do not hold. The Helm target and its cluster, the PostgreSQL connection (its
 * password only ever through the secret {@code postgres-password}), the checks file, where notices
 * go, the stakeholders, the argv templates of the site-specific rollback steps, parallelism, the
 * state directory, and who may approve a gate in the name of its approvers ({@code delegates}). A bad file is refused whole, naming the file, the field and the fix.
 */
public record RunbookSettings(
        String source,
        String instance,
        String stateDir,
        int parallelism,
        String maintenanceWindow,
        String valuesFile,
        String checks,
        Helm helm,
        Postgres postgres,
        Notices notices,
        Stakeholders stakeholders,
        Map<ActionKind, CommandTemplate> commands,
        Duration commandTimeout,
        List<String> withheldVariables,
        Map<String, List<String>> delegates) {

    /** The settings file read when the caller names none and it exists. */
    public static final String DEFAULT_FILE = "dataos-upgrade.yaml";
    public static final String DEFAULT_STATE_DIR = "dataos-upgrade";
    public static final String DEFAULT_INSTANCE = "DataOS";
    public static final Duration DEFAULT_HELM_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(30);

    /** The placeholders a command template may use, substituted per argv element. */
    public static final List<String> PLACEHOLDERS = List.of("component", "version", "from", "to", "installFile",
            "image", "namespace", "snapshot", "database", "host", "port", "user", "postgresVersion");

    /** The settings field of each site-specific action kind's command template. */
    public static final Map<ActionKind, String> COMMAND_FIELDS;

    static {
        Map<ActionKind, String> fields = new EnumMap<>(ActionKind.class);
        fields.put(ActionKind.REMOVE_STACK, "removeStack");
        fields.put(ActionKind.REINSTALL_STACK, "reinstallStack");
        fields.put(ActionKind.REVERT_CLUSTER_IMAGE, "revertClusterImage");
        fields.put(ActionKind.ROLLBACK_COMPONENT, "rollbackComponent");
        fields.put(ActionKind.REMOVE_COMPONENT, "removeComponent");
        fields.put(ActionKind.NEW_CLUSTER, "newCluster");
        fields.put(ActionKind.RESTORE_POSTGRES, "restorePostgresSnapshot");
        COMMAND_FIELDS = Collections.unmodifiableMap(fields);
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * The dataos-manager Helm release and the cluster it runs in. {@code release}, {@code namespace}
     * and {@code chart} are null when the manifests' {@code manager} section decides.
     */
    public record Helm(String release, String namespace, String chart, Duration timeout, String kubeContext,
            String kubeconfig, String executable, String kubectl, String namespaceLabel, String minimumVersion) {

        public KubeTarget kube() {
            return new KubeTarget(kubeconfig, kubeContext);
        }
    }

    /** Where the DataOS database is; the password comes from the secret {@value PostgresConnection#PASSWORD_SECRET}. */
    public record Postgres(String host, int port, String database, String user, String binDir) {

        public PostgresConnection connection() {
            return new PostgresConnection(host, port, user, database);
        }
    }

    /** Where notices are delivered (files are always written) and whom they name as the contact. */
    public record Notices(NoticeChannels channels, String contact) {
    }

    /**
     * The argv of a site-specific step with placeholders ({@code {component}}, …), an optional argv
     * whose exit 0 means the step's effect is already in place (asked when a crashed run resumes),
     * and its time limit. {@code field} names it in the settings file.
     */
    public record CommandTemplate(String field, List<String> run, List<String> doneCheck, Duration timeout) {

        public CommandTemplate {
            run = List.copyOf(run);
            doneCheck = List.copyOf(doneCheck == null ? List.of() : doneCheck);
        }

        /** The placeholders used by {@code run} and {@code doneCheck}. */
        public Set<String> placeholders() {
            Set<String> used = new TreeSet<>();
            for (List<String> argv : List.of(run, doneCheck)) {
                for (String element : argv) {
                    Matcher m = PLACEHOLDER.matcher(element);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
            return used;
        }

        /** {@code argv} with every placeholder replaced by its value (each must be present). */
        public static List<String> substitute(List<String> argv, Map<String, String> values) {
            List<String> out = new ArrayList<>(argv.size());
            for (String element : argv) {
                Matcher m = PLACEHOLDER.matcher(element);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String value = values.get(m.group(1));
                    if (value == null) {
                        throw new IllegalStateException("no value for {" + m.group(1) + "}: the template was not"
                                + " validated against the action");
                    }
                    m.appendReplacement(sb, Matcher.quoteReplacement(value));
                }
                m.appendTail(sb);
                out.add(sb.toString());
            }
            return out;
        }
    }

    public RunbookSettings {
        commands = Collections.unmodifiableMap(commands == null || commands.isEmpty()
                ? new EnumMap<>(ActionKind.class) : new EnumMap<>(commands));
        notices = notices == null ? new Notices(NoticeChannels.none(), null) : notices;
        withheldVariables = List.copyOf(withheldVariables == null ? List.of() : withheldVariables);
        delegates = delegates == null ? Map.of() : Map.copyOf(delegates);
    }

    /** The settings used when there is no settings file: every default, no database, no templates. */
    public static RunbookSettings defaults() {
        return new RunbookSettings("(default settings)", DEFAULT_INSTANCE, DEFAULT_STATE_DIR,
                PlanExecutor.DEFAULT_PARALLELISM, null, null, null,
                new Helm(null, null, null, DEFAULT_HELM_TIMEOUT, null, null, "helm", "kubectl", null, null), null,
                null, null, Map.of(), DEFAULT_COMMAND_TIMEOUT, List.of(), Map.of());
    }

    /**
     * The settings in {@code path} (workspace-relative); with {@code path} null, those in
     * {@value #DEFAULT_FILE} when it exists, else {@link #defaults()}.
     *
     * @throws InvalidInputException naming the file and field for anything wrong in it, or a missing file
     */
    public static RunbookSettings load(Workspace workspace, String path) throws IOException, InterruptedException {
        if (path == null || path.isBlank()) {
            return workspace.exists(DEFAULT_FILE) ? parse(DEFAULT_FILE, workspace.read(DEFAULT_FILE)) : defaults();
        }
        if (!workspace.exists(path)) {
            throw new InvalidInputException(path, "(file)", "the settings file does not exist: check the path, or"
                    + " leave it out to use " + DEFAULT_FILE + " or the defaults (docs/settings.md)");
        }
        return parse(path, workspace.read(path));
    }

    /** Parses a settings file; {@code source} names it in errors. */
    public static RunbookSettings parse(String source, byte[] yaml) {
        return new Reader(source).read(yaml);
    }

    /** These settings with the caller's overrides applied. */
    public RunbookSettings with(SettingsOverrides o) {
        if (o == null) {
            return this;
        }
        String field = "overrides";
        Helm h = new Helm(o.helmRelease() != null ? releaseName(field, "helmRelease", o.helmRelease()) : helm.release(),
                o.namespace() != null ? name(field, "namespace", o.namespace(), 63) : helm.namespace(),
                o.chart() != null ? chartRef(field, "chart", o.chart()) : helm.chart(),
                o.timeoutMinutes() != null ? positiveMinutes(o.timeoutMinutes()) : helm.timeout(),
                helm.kubeContext(), helm.kubeconfig(), helm.executable(), helm.kubectl(), helm.namespaceLabel(),
                helm.minimumVersion());
        String dir = o.stateDir() != null ? relativePath(field, "stateDir", o.stateDir()) : stateDir;
        int par = parallelism;
        if (o.parallelism() != null) {
            if (o.parallelism() < 1 || o.parallelism() > 64) {
                throw new InvalidInputException(field, "parallelism", o.parallelism() + " is out of range: give 1 to 64");
            }
            par = o.parallelism();
        }
        Duration commandLimit = o.timeoutMinutes() != null ? positiveMinutes(o.timeoutMinutes()) : commandTimeout;
        return new RunbookSettings(source, instance, dir, par, maintenanceWindow, valuesFile, checks, h, postgres,
                notices, stakeholders, commands, commandLimit, withheldVariables, delegates);
    }

    /**
     * The Helm target of the dataos-manager release: the settings' release and namespace must agree
     * with the plan's (from the manifests' {@code manager} section); the settings' chart reference,
     * when given, says where to fetch the chart from.
     *
     * @throws InvalidInputException when the settings name another release or namespace than the plan
     */
    public HelmTarget helmTarget(String planRelease, String planNamespace, String planChart, String chartVersion) {
        String release = planRelease != null ? planRelease : helm.release() != null ? helm.release() : "dataos-manager";
        String namespace = planNamespace != null ? planNamespace
                : helm.namespace() != null ? helm.namespace() : "dataos-manager";
        if (helm.release() != null && !helm.release().equals(release)) {
            throw new InvalidInputException(source, "helm.release", "is '" + helm.release() + "' but the plan's"
                    + " dataos-manager release (manager.releaseName of the manifests) is '" + release + "': make them"
                    + " agree, or leave helm.release out");
        }
        if (helm.namespace() != null && !helm.namespace().equals(namespace)) {
            throw new InvalidInputException(source, "helm.namespace", "is '" + helm.namespace() + "' but the plan's"
                    + " dataos-manager namespace (manager.namespace of the manifests) is '" + namespace + "': make"
                    + " them agree, or leave helm.namespace out");
        }
        String chart = helm.chart() != null ? helm.chart() : planChart != null ? planChart : "dataos/dataos-manager";
        return new HelmTarget(release, namespace, chart, chartVersion);
    }

    /** The template configured for {@code kind}, or null. */
    public CommandTemplate command(ActionKind kind) {
        return commands.get(kind);
    }

    private static Duration positiveMinutes(int minutes) {
        if (minutes < 1) {
            throw new InvalidInputException("overrides", "timeoutMinutes", minutes + " is not a positive number of"
                    + " minutes");
        }
        return Duration.ofMinutes(minutes);
    }

    private static String name(String source, String field, String value, int max) {
        if (value.length() > max || !value.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            throw new InvalidInputException(source, field, "'" + value + "' is not a valid Kubernetes name: use"
                    + " lower-case letters, digits and '-', at most " + max + " characters");
        }
        return value;
    }

    private static String chartRef(String source, String field, String value) {
        if (value.isBlank() || value.startsWith("-") || value.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException(source, field, "'" + value + "' is not a chart reference: use REPO/NAME"
                    + " (dataos/dataos-manager), a path or an oci:// URL");
        }
        String outside = io.dataos.upgrade.model.Identifiers.chartPathProblem(value);
        if (outside != null) {
            throw new InvalidInputException(source, field, outside);
        }
        return value;
    }

    private static String releaseName(String source, String field, String value) {
        String problem = io.dataos.upgrade.model.Identifiers.releaseNameProblem(value);
        if (problem != null) {
            throw new InvalidInputException(source, field, problem);
        }
        return value;
    }

    public static String relativePath(String source, String field, String value) {
        String normal = value.replace('\\', '/');
        if (normal.isBlank() || normal.startsWith("/") || normal.matches("^[A-Za-z]:.*")
                || Path.of(normal).normalize().startsWith("..") || normal.indexOf('\0') >= 0) {
            throw new InvalidInputException(source, field, "'" + value + "' is not a path inside the workspace: give"
                    + " a relative path such as dataos-upgrade");
        }
        return normal;
    }

    /** Reads the YAML tree field by field, refusing unknown fields and wrong types. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        RunbookSettings read(byte[] yaml) {
            JsonNode root;
            try {
                ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
                mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                root = mapper.readTree(yaml);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(source, e.getLocation() == null ? "(file)"
                        : "line " + e.getLocation().getLineNr(), "is not valid YAML (" + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                throw new InvalidInputException(source, "(file)", "cannot be read: " + e.getMessage());
            }
            RunbookSettings d = defaults();
            if (root == null || root.isMissingNode() || root.isNull()) {
                return new RunbookSettings(source, d.instance(), d.stateDir(), d.parallelism(), null, null, null,
                        d.helm(), null, null, null, Map.of(), d.commandTimeout(), List.of(), Map.of());
            }
            object(root, "(root)");
            only(root, "", Set.of("apiVersion", "kind", "instance", "stateDir", "parallelism", "maintenanceWindow",
                    "valuesFile", "checks", "helm", "postgres", "notices", "stakeholders", "commands",
                    "commandTimeout", "childEnvironment", "delegates"));
            String apiVersion = text(root, "apiVersion", false);
            if (apiVersion != null && !apiVersion.equals("dataos-upgrade/v1")) {
                throw new InvalidInputException(source, "apiVersion", "'" + apiVersion + "' is not supported: write"
                        + " dataos-upgrade/v1");
            }
            String kind = text(root, "kind", false);
            if (kind != null && !kind.equals("RunbookSettings")) {
                throw new InvalidInputException(source, "kind", "'" + kind + "' is not a settings file: write"
                        + " RunbookSettings");
            }
            String instance = text(root, "instance", false);
            String stateDir = text(root, "stateDir", false);
            stateDir = stateDir == null ? DEFAULT_STATE_DIR : relativePath(source, "stateDir", stateDir);
            int parallelism = d.parallelism();
            if (root.has("parallelism")) {
                JsonNode p = root.get("parallelism");
                if (!p.canConvertToInt() || !p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 64) {
                    throw new InvalidInputException(source, "parallelism", "'" + p.asText() + "' is not a number from"
                            + " 1 to 64: how many independent actions may run at once (default "
                            + PlanExecutor.DEFAULT_PARALLELISM + ")");
                }
                parallelism = p.asInt();
            }
            String window = text(root, "maintenanceWindow", false);
            if (window != null) {
                try {
                    window = MaintenanceWindow.parse(window).spec();
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(source, "maintenanceWindow", e.getMessage());
                }
            }
            String valuesFile = path(root, "valuesFile");
            String checks = path(root, "checks");
            Helm helm = root.has("helm") ? helm(root.get("helm")) : d.helm();
            Postgres postgres = root.has("postgres") ? postgres(root.get("postgres")) : null;
            Notices notices = root.has("notices") ? notices(root.get("notices")) : null;
            Stakeholders stakeholders = root.has("stakeholders") ? stakeholders(root.get("stakeholders")) : null;
            Map<ActionKind, CommandTemplate> commands = root.has("commands") ? commands(root.get("commands"))
                    : Map.of();
            Duration commandTimeout = root.has("commandTimeout") ? duration(root, "", "commandTimeout")
                    : DEFAULT_COMMAND_TIMEOUT;
            List<String> withheld = root.has("childEnvironment") ? childEnvironment(root.get("childEnvironment"))
                    : List.of();
            Map<String, List<String>> delegates = new LinkedHashMap<>();
            if (root.has("delegates")) {
                object(root.get("delegates"), "delegates");
                Iterator<Map.Entry<String, JsonNode>> it = root.get("delegates").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    delegates.put(e.getKey(), strings(e.getValue(), "delegates." + e.getKey()));
                }
            }
            return new RunbookSettings(source, instance == null ? DEFAULT_INSTANCE : instance, stateDir, parallelism,
                    window, valuesFile, checks, helm, postgres, notices, stakeholders, commands, commandTimeout,
                    withheld, delegates);
        }

        /** {@code childEnvironment.withhold}: more variables the commands must not inherit. */
        private List<String> childEnvironment(JsonNode node) {
            object(node, "childEnvironment");
            only(node, "childEnvironment.", Set.of("withhold"));
            List<String> names = strings(node.get("withhold"), "childEnvironment.withhold");
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidInputException(source, "childEnvironment.withhold[" + i + "]", "'"
                            + names.get(i) + "' is not an environment variable name: letters, digits and _,"
                            + " not starting with a digit");
                }
            }
            return names;
        }

        private Helm helm(JsonNode node) {
            object(node, "helm");
            only(node, "helm.", Set.of("release", "namespace", "chart", "timeout", "kubeContext", "kubeconfig",
                    "executable", "kubectl", "namespaceLabel", "minimumVersion"));
            String release = text(node, "helm", "release");
            String namespace = text(node, "helm", "namespace");
            String chart = text(node, "helm", "chart");
            Duration timeout = node.has("timeout") ? duration(node, "helm.", "timeout") : DEFAULT_HELM_TIMEOUT;
            String context = text(node, "helm", "kubeContext");
            String kubeconfig = text(node, "helm", "kubeconfig");
            String executable = text(node, "helm", "executable");
            String kubectl = text(node, "helm", "kubectl");
            String label = text(node, "helm", "namespaceLabel");
            String minimum = text(node, "helm", "minimumVersion");
            if (release != null) {
                releaseName(source, "helm.release", release);
            }
            if (label != null && io.dataos.upgrade.model.Identifiers.labelProblem(label) != null) {
                // the label is printed inside the fix command of the pre-checks (kubectl label namespace ...)
                throw new InvalidInputException(source, "helm.namespaceLabel",
                        io.dataos.upgrade.model.Identifiers.labelProblem(label));
            }
            if (namespace != null) {
                name(source, "helm.namespace", namespace, 63);
            }
            if (chart != null) {
                chartRef(source, "helm.chart", chart);
            }
            for (Map.Entry<String, String> e : new LinkedHashMap<>(Map.of("kubeContext", nz(context), "kubeconfig",
                    nz(kubeconfig), "executable", nz(executable), "kubectl", nz(kubectl))).entrySet()) {
                if (e.getValue().startsWith("-") || e.getValue().indexOf('\0') >= 0) {
                    throw new InvalidInputException(source, "helm." + e.getKey(), "'" + e.getValue() + "' cannot start"
                            + " with '-': give a name or a path");
                }
                if ((e.getKey().equals("executable") || e.getKey().equals("kubectl"))
                        && io.dataos.upgrade.model.Launchers.isShellOrLauncher(e.getValue())) {
                    throw new InvalidInputException(source, "helm." + e.getKey(), "'" + io.dataos.upgrade.model.Identifiers
                            .printable(e.getValue()) + "' is a shell, a launcher or an interpreter: name the " + e.getKey()
                            + " program itself (a name or a path)");
                }
            }
            if (minimum != null && !minimum.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new InvalidInputException(source, "helm.minimumVersion", "'" + minimum + "' is not a version"
                        + " such as 3.8.0");
            }
            return new Helm(release, namespace, chart, timeout, context, kubeconfig,
                    executable == null ? "helm" : executable, kubectl == null ? "kubectl" : kubectl, label, minimum);
        }

        private Postgres postgres(JsonNode node) {
            object(node, "postgres");
            for (String forbidden : List.of("password", "passwordSecret")) {
                if (node.has(forbidden)) {
                    throw new InvalidInputException(source, "postgres." + forbidden, "is not read from this file:"
                            + " the password is always the secret " + PostgresConnection.PASSWORD_SECRET + " (Jenkins:"
                            + " postgresCredentialsId; CLI: POSTGRES_PASSWORD or --postgres-password-file); remove"
                            + " the field");
                }
            }
            only(node, "postgres.", Set.of("host", "port", "database", "user", "binDir"));
            String host = text(node, "postgres", "host");
            String database = text(node, "postgres", "database");
            String user = text(node, "postgres", "user");
            if (host == null || database == null || user == null) {
                String missing = host == null ? "host" : database == null ? "database" : "user";
                throw new InvalidInputException(source, "postgres." + missing, "is missing: the backup and restore"
                        + " need host, database and user (the password comes from the secret "
                        + PostgresConnection.PASSWORD_SECRET + ")");
            }
            int port = 5432;
            if (node.has("port")) {
                JsonNode p = node.get("port");
                if (!p.isIntegralNumber() || p.asInt() < 1 || p.asInt() > 65535) {
                    throw new InvalidInputException(source, "postgres.port", "'" + p.asText() + "' is not a port: use"
                            + " 1 to 65535 (default 5432)");
                }
                port = p.asInt();
            }
            String binDir = text(node, "postgres", "binDir");
            try {
                new PostgresConnection(host, port, user, database);
            } catch (InvalidInputException e) {
                String prefix = e.source() + ": " + e.field() + ": ";
                throw new InvalidInputException(source, "postgres." + e.field(), e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage());
            }
            return new Postgres(host, port, database, user, binDir);
        }

        private Notices notices(JsonNode node) {
            object(node, "notices");
            only(node, "notices.", Set.of("channels", "contact"));
            NoticeChannels channels = NoticeChannels.none();
            if (node.has("channels")) {
                try {
                    channels = NoticeChannels.parse(source + " (notices.channels)",
                            new YAMLMapper().writeValueAsString(node.get("channels")));
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(source, "notices.channels", "cannot be read: "
                            + e.getOriginalMessage());
                }
            }
            return new Notices(channels, text(node, "notices", "contact"));
        }

        private Stakeholders stakeholders(JsonNode node) {
            object(node, "stakeholders");
            Map<String, List<String>> lists = new LinkedHashMap<>();
            Set<String> keys = new TreeSet<>();
            for (Stakeholders.Audience audience : Stakeholders.Audience.values()) {
                keys.add(audience.key());
            }
            only(node, "stakeholders.", keys);
            for (String key : keys) {
                lists.put(key, strings(node.get(key), "stakeholders." + key));
            }
            return new Stakeholders(lists.get("dataProductConsumers"), lists.get("dataProductDevelopers"),
                    lists.get("operators"), lists.get("otherTeams"));
        }

        private Map<ActionKind, CommandTemplate> commands(JsonNode node) {
            object(node, "commands");
            Map<String, ActionKind> byField = new LinkedHashMap<>();
            COMMAND_FIELDS.forEach((kind, field) -> byField.put(field, kind));
            only(node, "commands.", byField.keySet());
            Map<ActionKind, CommandTemplate> templates = new EnumMap<>(ActionKind.class);
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "commands." + e.getKey();
                JsonNode value = e.getValue();
                List<String> run;
                List<String> doneCheck = List.of();
                Duration timeout = null;
                if (value.isArray()) {
                    run = argv(value, at);
                } else if (value.isObject()) {
                    only(value, at + ".", Set.of("run", "doneCheck", "timeout"));
                    if (!value.has("run")) {
                        throw new InvalidInputException(source, at + ".run", "is missing: give the argv to run, e.g."
                                + " [kubectl, apply, -f, \"{installFile}\"]");
                    }
                    run = argv(value.get("run"), at + ".run");
                    doneCheck = value.has("doneCheck") ? argv(value.get("doneCheck"), at + ".doneCheck") : List.of();
                    timeout = value.has("timeout") ? duration(value, at + ".", "timeout") : null;
                } else {
                    throw new InvalidInputException(source, at, "is not an argv list: write [program, arg, …] or"
                            + " {run: [program, arg, …], doneCheck: [...], timeout: 10m}");
                }
                templates.put(byField.get(e.getKey()), new CommandTemplate(at, run, doneCheck, timeout));
            }
            return templates;
        }

        private List<String> argv(JsonNode node, String at) {
            if (!node.isArray() || node.isEmpty()) {
                throw new InvalidInputException(source, at, "is not a non-empty list of strings: write the argv as"
                        + " [program, arg, …]; commands never go through a shell");
            }
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (!element.isTextual() && !element.isNumber()) {
                    throw new InvalidInputException(source, at + "[" + i + "]", "is not a string: quote it");
                }
                String text = element.asText();
                if (text.indexOf('\0') >= 0) {
                    throw new InvalidInputException(source, at + "[" + i + "]", "contains a NUL character");
                }
                Matcher m = PLACEHOLDER.matcher(text);
                while (m.find()) {
                    if (!PLACEHOLDERS.contains(m.group(1))) {
                        throw new InvalidInputException(source, at + "[" + i + "]", "'{" + m.group(1) + "}' is not a"
                                + " placeholder: use {" + String.join("}, {", PLACEHOLDERS) + "}");
                    }
                }
                argv.add(text);
            }
            if (argv.get(0).isBlank() || argv.get(0).startsWith("{")) {
                throw new InvalidInputException(source, at + "[0]", "must name the program to run, not a"
                        + " placeholder or an empty string");
            }
            io.dataos.upgrade.model.Launchers.refuseShell(argv, source, at, "write the argv of the tool itself,"
                    + " e.g. [kubectl, apply, -f, \"{installFile}\"]");
            return argv;
        }

        private List<String> strings(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw new InvalidInputException(source, at, "is not a list: write [a, b]");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual() || node.get(i).asText().isBlank()) {
                    throw new InvalidInputException(source, at + "[" + i + "]", "is not a non-empty string");
                }
                out.add(node.get(i).asText());
            }
            return out;
        }

        private String path(JsonNode node, String field) {
            String value = text(node, field, false);
            return value == null ? null : relativePath(source, field, value);
        }

        private Duration duration(JsonNode node, String prefix, String field) {
            String text = node.get(field).asText("");
            Duration value;
            try {
                value = DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, prefix + field, e.getMessage());
            }
            if (value.isZero() || value.isNegative()) {
                throw new InvalidInputException(source, prefix + field, "'" + text + "' is not a positive duration");
            }
            return value;
        }

        private String text(JsonNode node, String parent, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw new InvalidInputException(source, parent + "." + field, "is not a string");
            }
            String text = value.asText().strip();
            if (text.isEmpty()) {
                throw new InvalidInputException(source, parent + "." + field, "is empty: give a value or leave the"
                        + " field out");
            }
            return text;
        }

        private String text(JsonNode node, String field, boolean unused) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual() && !value.isNumber()) {
                throw new InvalidInputException(source, field, "is not a string");
            }
            String text = value.asText().strip();
            if (text.isEmpty()) {
                throw new InvalidInputException(source, field, "is empty: give a value or leave the field out");
            }
            return text;
        }

        private void object(JsonNode node, String at) {
            if (!node.isObject()) {
                throw new InvalidInputException(source, at, "is not a mapping of fields (see docs/settings.md)");
            }
        }

        private void only(JsonNode node, String prefix, Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw new InvalidInputException(source, prefix + name, "is not a known field here: use "
                            + String.join(", ", new TreeSet<>(allowed)));
                }
            }
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }
    }

    /** Whether {@code name} can name a run or a directory. */
    static boolean safeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }
}
