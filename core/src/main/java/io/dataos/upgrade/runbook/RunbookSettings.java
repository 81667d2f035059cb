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
import io.dataos.upgrade.yaml.Printable;
import io.dataos.upgrade.yaml.StrictYaml;
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

    private static final StrictYaml.Format FORMAT = new StrictYaml.Format("a settings file", "docs/settings.md",
            "a settings file holds fields such as 'helm:' and 'commands:' (docs/settings.md)", "use ");
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
            return workspace.exists(DEFAULT_FILE) ? parse(DEFAULT_FILE, StrictYaml.readFile(workspace, DEFAULT_FILE, FORMAT))
                    : defaults();
        }
        if (!workspace.exists(path)) {
            throw new InvalidInputException(path, "(file)", "the settings file does not exist: check the path, or"
                    + " leave it out to use " + DEFAULT_FILE + " or the defaults (docs/settings.md)");
        }
        return parse(path, StrictYaml.readFile(workspace, path, FORMAT));
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

    /**
     * The settings file as written, bound by Jackson databind (unknown fields refused, with the
     * nearest known name) before {@link Reader} checks every value. Scalars stay text so that a
     * number given as {@code parallelism: three} gets a message saying what to write.
     */
    record SettingsYaml(String apiVersion, String kind, String instance, String stateDir, String parallelism,
            String maintenanceWindow, String valuesFile, String checks, HelmYaml helm, PostgresYaml postgres,
            NoticesYaml notices, StakeholdersYaml stakeholders, Map<String, JsonNode> commands,
            String commandTimeout, ChildEnvironmentYaml childEnvironment, Map<String, List<String>> delegates) {}

    record ChildEnvironmentYaml(List<String> withhold) {}

    record HelmYaml(String release, String namespace, String chart, String timeout, String kubeContext,
            String kubeconfig, String executable, String kubectl, String namespaceLabel, String minimumVersion) {}

    /** {@code password} and {@code passwordSecret} are bound only to be refused with the reason. */
    record PostgresYaml(String host, String port, String database, String user, String binDir, JsonNode password,
            JsonNode passwordSecret) {}

    record NoticesYaml(JsonNode channels, String contact) {}

    record StakeholdersYaml(List<String> dataProductConsumers, List<String> dataProductDevelopers,
            List<String> operators, List<String> otherTeams) {}

    /** Checks the bound settings value by value, naming the field and the fix. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        RunbookSettings read(byte[] yaml) {
            RunbookSettings d = defaults();
            // size, encoding, one document, no duplicate keys and no anchors or aliases (Jackson would
            // read a scalar alias as its name)
            if (StrictYaml.scanIfAny(yaml, source, FORMAT) == null) {
                return new RunbookSettings(source, d.instance(), d.stateDir(), d.parallelism(), null, null, null,
                        d.helm(), null, null, null, Map.of(), d.commandTimeout(), List.of(), Map.of());
            }
            SettingsYaml root = StrictYaml.read(yaml, source, FORMAT, SettingsYaml.class).value();
            String apiVersion = text(root.apiVersion(), "apiVersion");
            if (apiVersion != null && !apiVersion.equals("dataos-upgrade/v1")) {
                throw new InvalidInputException(source, "apiVersion", "'" + apiVersion + "' is not supported: write"
                        + " dataos-upgrade/v1");
            }
            String kind = text(root.kind(), "kind");
            if (kind != null && !kind.equals("RunbookSettings")) {
                throw new InvalidInputException(source, "kind", "'" + kind + "' is not a settings file: write"
                        + " RunbookSettings");
            }
            String instance = text(root.instance(), "instance");
            String stateDir = text(root.stateDir(), "stateDir");
            stateDir = stateDir == null ? DEFAULT_STATE_DIR : relativePath(source, "stateDir", stateDir);
            int parallelism = d.parallelism();
            if (root.parallelism() != null) {
                String p = root.parallelism().strip();
                if (!p.matches("[0-9]{1,2}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 64) {
                    throw new InvalidInputException(source, "parallelism", "'" + Printable.of(p) + "' is not a number"
                            + " from 1 to 64: how many independent actions may run at once (default "
                            + PlanExecutor.DEFAULT_PARALLELISM + ")");
                }
                parallelism = Integer.parseInt(p);
            }
            String window = text(root.maintenanceWindow(), "maintenanceWindow");
            if (window != null) {
                try {
                    window = MaintenanceWindow.parse(window).spec();
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(source, "maintenanceWindow", e.getMessage());
                }
            }
            String valuesFile = path(root.valuesFile(), "valuesFile");
            String checks = path(root.checks(), "checks");
            Helm helm = root.helm() != null ? helm(root.helm()) : d.helm();
            Postgres postgres = root.postgres() != null ? postgres(root.postgres()) : null;
            Notices notices = root.notices() != null ? notices(root.notices()) : null;
            Stakeholders stakeholders = root.stakeholders() != null ? stakeholders(root.stakeholders()) : null;
            Map<ActionKind, CommandTemplate> commands = root.commands() != null ? commands(root.commands())
                    : Map.of();
            Duration commandTimeout = root.commandTimeout() != null ? duration(root.commandTimeout(), "commandTimeout")
                    : DEFAULT_COMMAND_TIMEOUT;
            List<String> withheld = root.childEnvironment() != null ? childEnvironment(root.childEnvironment())
                    : List.of();
            Map<String, List<String>> delegates = new LinkedHashMap<>();
            if (root.delegates() != null) {
                root.delegates().forEach((approver, names) -> delegates.put(approver,
                        strings(names, "delegates." + Printable.of(approver))));
            }
            return new RunbookSettings(source, instance == null ? DEFAULT_INSTANCE : instance, stateDir, parallelism,
                    window, valuesFile, checks, helm, postgres, notices, stakeholders, commands, commandTimeout,
                    withheld, delegates);
        }

        /** {@code childEnvironment.withhold}: more variables the commands must not inherit. */
        private List<String> childEnvironment(ChildEnvironmentYaml node) {
            List<String> names = strings(node.withhold(), "childEnvironment.withhold");
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new InvalidInputException(source, "childEnvironment.withhold[" + i + "]", "'"
                            + Printable.of(names.get(i)) + "' is not an environment variable name: letters, digits"
                            + " and _, not starting with a digit");
                }
            }
            return names;
        }

        private Helm helm(HelmYaml node) {
            String release = text(node.release(), "helm.release");
            String namespace = text(node.namespace(), "helm.namespace");
            String chart = text(node.chart(), "helm.chart");
            Duration timeout = node.timeout() != null ? duration(node.timeout(), "helm.timeout") : DEFAULT_HELM_TIMEOUT;
            String context = text(node.kubeContext(), "helm.kubeContext");
            String kubeconfig = text(node.kubeconfig(), "helm.kubeconfig");
            String executable = text(node.executable(), "helm.executable");
            String kubectl = text(node.kubectl(), "helm.kubectl");
            String label = text(node.namespaceLabel(), "helm.namespaceLabel");
            String minimum = text(node.minimumVersion(), "helm.minimumVersion");
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
                    throw new InvalidInputException(source, "helm." + e.getKey(), "'" + Printable.of(e.getValue())
                            + "' cannot start with '-': give a name or a path");
                }
                if ((e.getKey().equals("executable") || e.getKey().equals("kubectl"))
                        && io.dataos.upgrade.model.Launchers.isShellOrLauncher(e.getValue())) {
                    throw new InvalidInputException(source, "helm." + e.getKey(), "'" + io.dataos.upgrade.model.Identifiers
                            .printable(e.getValue()) + "' is a shell, a launcher or an interpreter: name the " + e.getKey()
                            + " program itself (a name or a path)");
                }
            }
            if (minimum != null && !minimum.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new InvalidInputException(source, "helm.minimumVersion", "'" + Printable.of(minimum) + "' is not"
                        + " a version such as 3.8.0");
            }
            return new Helm(release, namespace, chart, timeout, context, kubeconfig,
                    executable == null ? "helm" : executable, kubectl == null ? "kubectl" : kubectl, label, minimum);
        }

        private Postgres postgres(PostgresYaml node) {
            for (Map.Entry<String, JsonNode> forbidden : new LinkedHashMap<>(Map.of("password", nn(node.password()),
                    "passwordSecret", nn(node.passwordSecret()))).entrySet()) {
                if (!forbidden.getValue().isMissingNode()) {
                    throw new InvalidInputException(source, "postgres." + forbidden.getKey(), "is not read from this"
                            + " file: the password is always the secret " + PostgresConnection.PASSWORD_SECRET
                            + " (Jenkins: postgresCredentialsId; CLI: POSTGRES_PASSWORD or --postgres-password-file);"
                            + " remove the field");
                }
            }
            String host = text(node.host(), "postgres.host");
            String database = text(node.database(), "postgres.database");
            String user = text(node.user(), "postgres.user");
            if (host == null || database == null || user == null) {
                String missing = host == null ? "host" : database == null ? "database" : "user";
                throw new InvalidInputException(source, "postgres." + missing, "is missing: the backup and restore"
                        + " need host, database and user (the password comes from the secret "
                        + PostgresConnection.PASSWORD_SECRET + ")");
            }
            int port = 5432;
            if (node.port() != null) {
                String p = node.port().strip();
                if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
                    throw new InvalidInputException(source, "postgres.port", "'" + Printable.of(p) + "' is not a port:"
                            + " use 1 to 65535 (default 5432)");
                }
                port = Integer.parseInt(p);
            }
            String binDir = text(node.binDir(), "postgres.binDir");
            try {
                new PostgresConnection(host, port, user, database);
            } catch (InvalidInputException e) {
                String prefix = e.source() + ": " + e.field() + ": ";
                throw new InvalidInputException(source, "postgres." + e.field(), e.getMessage().startsWith(prefix)
                        ? e.getMessage().substring(prefix.length()) : e.getMessage());
            }
            return new Postgres(host, port, database, user, binDir);
        }

        private Notices notices(NoticesYaml node) {
            NoticeChannels channels = NoticeChannels.none();
            if (node.channels() != null && !node.channels().isNull()) {
                try {
                    channels = NoticeChannels.parse(source + " (notices.channels)",
                            new YAMLMapper().writeValueAsString(node.channels()));
                } catch (JsonProcessingException e) {
                    throw new InvalidInputException(source, "notices.channels", "cannot be read: "
                            + Printable.of(e.getOriginalMessage()));
                }
            }
            return new Notices(channels, text(node.contact(), "notices.contact"));
        }

        private Stakeholders stakeholders(StakeholdersYaml node) {
            return new Stakeholders(strings(node.dataProductConsumers(), "stakeholders.dataProductConsumers"),
                    strings(node.dataProductDevelopers(), "stakeholders.dataProductDevelopers"),
                    strings(node.operators(), "stakeholders.operators"),
                    strings(node.otherTeams(), "stakeholders.otherTeams"));
        }

        private Map<ActionKind, CommandTemplate> commands(Map<String, JsonNode> node) {
            Map<String, ActionKind> byField = new LinkedHashMap<>();
            COMMAND_FIELDS.forEach((kind, field) -> byField.put(field, kind));
            Map<ActionKind, CommandTemplate> templates = new EnumMap<>(ActionKind.class);
            for (Map.Entry<String, JsonNode> e : node.entrySet()) {
                if (!byField.containsKey(e.getKey())) {
                    throw StrictYaml.unknownField(source, "commands", e.getKey(), byField.keySet(), 0, "use ");
                }
                String at = "commands." + e.getKey();
                JsonNode value = e.getValue() == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                        : e.getValue();
                List<String> run;
                List<String> doneCheck = List.of();
                Duration timeout = null;
                if (value.isArray()) {
                    run = argv(value, at);
                } else if (value.isObject()) {
                    Iterator<String> names = value.fieldNames();
                    while (names.hasNext()) {
                        String name = names.next();
                        if (!Set.of("run", "doneCheck", "timeout").contains(name)) {
                            throw StrictYaml.unknownField(source, at, name, Set.of("run", "doneCheck", "timeout"), 0,
                                    "use ");
                        }
                    }
                    if (!value.has("run")) {
                        throw new InvalidInputException(source, at + ".run", "is missing: give the argv to run, e.g."
                                + " [kubectl, apply, -f, \"{installFile}\"]");
                    }
                    run = argv(value.get("run"), at + ".run");
                    doneCheck = value.has("doneCheck") ? argv(value.get("doneCheck"), at + ".doneCheck") : List.of();
                    timeout = value.has("timeout") ? duration(value.get("timeout").asText(""), at + ".timeout") : null;
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
                        throw new InvalidInputException(source, at + "[" + i + "]", "'{" + Printable.of(m.group(1))
                                + "}' is not a placeholder: use {" + String.join("}, {", PLACEHOLDERS) + "}");
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

        private List<String> strings(List<String> values, String at) {
            if (values == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isBlank()) {
                    throw new InvalidInputException(source, at + "[" + i + "]", "is not a non-empty string");
                }
                out.add(values.get(i));
            }
            return out;
        }

        private String path(String value, String field) {
            String text = text(value, field);
            return text == null ? null : relativePath(source, field, text);
        }

        private Duration duration(String text, String field) {
            Duration value;
            try {
                value = DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, field, e.getMessage());
            }
            if (value.isZero() || value.isNegative()) {
                throw new InvalidInputException(source, field, "'" + Printable.of(text) + "' is not a positive"
                        + " duration");
            }
            return value;
        }

        /** A stripped single value; null when absent, refused when blank. */
        private String text(String value, String field) {
            if (value == null) {
                return null;
            }
            String text = value.strip();
            if (text.isEmpty()) {
                throw new InvalidInputException(source, field, "is empty: give a value or leave the field out");
            }
            return text;
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        private static JsonNode nn(JsonNode node) {
            return node == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : node;
        }
    }

    /** Whether {@code name} can name a run or a directory. */
    static boolean safeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }
}
