package io.dataos.upgrade.verify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.yaml.StrictYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checks file: the verification checks of a DataOS installation, and how many may run at once.
 * {@link #parse} refuses a bad file with the field that is wrong and how to fix it (see
 * docs/verification.md for the format).
 */
public record ChecksFile(List<Check> checks, int parallelism) {

    /** Largest {@code parallelism} accepted: checks wait on remote systems, not on local cores. */
    public static final int MAX_PARALLELISM = 16;

    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** What a checks file is, for the messages of {@link StrictYaml}. */
    public static final StrictYaml.Format FORMAT = new StrictYaml.Format("a checks file", "docs/verification.md",
            "write 'checks:' followed by the list of checks (docs/verification.md)", "use ");
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");
    private static final Pattern K8S_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern RESOURCE = Pattern.compile(
            "(statefulset|deployment|daemonset|sts|deploy|ds)(\\.apps)?/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

    public ChecksFile {
        checks = List.copyOf(checks);
    }

    /** Reads the YAML text of a checks file; {@code source} names it in error messages. */
    public static ChecksFile parse(String source, String yaml) {
        return new Reader(source).read(yaml);
    }

    public static ChecksFile parse(String source, byte[] yaml) {
        StrictYaml.scanIfAny(yaml, source, FORMAT); // the encoding, before the bytes become text
        return parse(source, new String(yaml, StandardCharsets.UTF_8));
    }

    /** Reads one checks file, tracking the field path for every error. */
    private static final class Reader {

        private static final Set<String> ROOT_KEYS = Set.of("parallelism", "defaults", "checks");
        private static final Set<String> DEFAULT_KEYS = Set.of("timeout", "prometheus", "database");
        private static final Set<String> PROMETHEUS_KEYS = Set.of("url", "grafanaDatasourceUid", "tokenSecret");
        private static final Set<String> DATABASE_KEYS = Set.of("jdbcUrl", "user", "passwordSecret", "baseline");
        private static final Set<String> COMMON_KEYS = Set.of("name", "type", "layer", "timeout", "critical", "when");
        private static final Map<CheckType, Set<String>> TYPE_KEYS = Map.of(
                CheckType.ROLLOUT, Set.of("resource", "namespace", "context"),
                CheckType.HELM_TEST, Set.of("release", "namespace", "logs"),
                CheckType.HTTP, Set.of("url", "expectStatus", "bodyContains", "tokenSecret"),
                CheckType.PROMQL, Set.of("prometheus", "query", "comparison", "threshold", "bakeTime", "interval",
                        "passWhenEmpty"),
                CheckType.DATA_INTEGRITY, Set.of("jdbcUrl", "user", "passwordSecret", "tables", "baseline",
                        "compare"),
                CheckType.INTER_LAYER, Set.of("from", "to", "tcp", "url", "expectStatus"),
                CheckType.COMMAND, Set.of("command", "workDir", "secretEnv", "expectExit"));

        private final String source;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private JsonNode prometheusDefaults;
        private JsonNode databaseDefaults;

        Reader(String source) {
            this.source = source;
        }

        ChecksFile read(String yaml) {
            // size, encoding, one document, no duplicate keys and no anchors or aliases
            StrictYaml.scanIfAny(yaml.getBytes(StandardCharsets.UTF_8), source, FORMAT);
            JsonNode root;
            try {
                ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
                mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                root = mapper.readTree(yaml);
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "(file)" : "line " + e.getLocation().getLineNr();
                throw new InvalidInputException(source, where, "not valid YAML (" + e.getOriginalMessage()
                        + "): fix the syntax");
            }
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw new InvalidInputException(source, "checks", "the file is empty: list at least one check");
            }
            requireObject(root, "(root)");
            onlyKeys(root, "", ROOT_KEYS);
            int parallelism = 1;
            if (root.has("parallelism")) {
                parallelism = integer(root.get("parallelism"), "parallelism");
                if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                    throw new InvalidInputException(source, "parallelism", "is " + parallelism + ": use 1 (one"
                            + " check at a time) up to " + MAX_PARALLELISM);
                }
            }
            if (root.has("defaults")) {
                JsonNode defaults = root.get("defaults");
                requireObject(defaults, "defaults");
                onlyKeys(defaults, "defaults.", DEFAULT_KEYS);
                if (defaults.has("timeout")) {
                    defaultTimeout = positiveDuration(defaults.get("timeout"), "defaults.timeout");
                }
                if (defaults.has("prometheus")) {
                    prometheusDefaults = defaults.get("prometheus");
                    requireObject(prometheusDefaults, "defaults.prometheus");
                    onlyKeys(prometheusDefaults, "defaults.prometheus.", PROMETHEUS_KEYS);
                }
                if (defaults.has("database")) {
                    databaseDefaults = defaults.get("database");
                    requireObject(databaseDefaults, "defaults.database");
                    onlyKeys(databaseDefaults, "defaults.database.", DATABASE_KEYS);
                }
            }
            JsonNode list = root.get("checks");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw new InvalidInputException(source, "checks", "missing or empty: list the checks to run,"
                        + " each with a name and a type (" + CheckType.fileNames() + ")");
            }
            List<Check> checks = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "checks[" + i + "]";
                Check check = check(list.get(i), at);
                if (!names.add(check.name())) {
                    throw new InvalidInputException(source, at + ".name", "'" + check.name() + "' is used by an"
                            + " earlier check: give every check its own name (it names the JUnit testcase)");
                }
                checks.add(check);
            }
            return new ChecksFile(checks, parallelism);
        }

        private Check check(JsonNode node, String at) {
            requireObject(node, at);
            String typeName = text(node, at, "type");
            CheckType type = CheckType.fromFileName(typeName).orElseThrow(() -> new InvalidInputException(source,
                    at + ".type", "'" + typeName + "' is not a check type: use one of " + CheckType.fileNames()));
            Set<String> allowed = new HashSet<>(COMMON_KEYS);
            allowed.addAll(TYPE_KEYS.get(type));
            onlyKeys(node, at + ".", allowed);
            CheckBasics basics = basics(node, at);
            return switch (type) {
                case ROLLOUT -> rollout(node, at, basics);
                case HELM_TEST -> new HelmTestCheck(basics, k8sName(node, at, "release"), k8sName(node, at, "namespace"),
                        bool(node, at, "logs", false));
                case HTTP -> new HttpCheck(basics, url(node.get("url"), at + ".url"),
                        statuses(node, at), optionalText(node, at, "bodyContains"),
                        optionalText(node, at, "tokenSecret"));
                case PROMQL -> promql(node, at, basics);
                case DATA_INTEGRITY -> dataIntegrity(node, at, basics);
                case INTER_LAYER -> interLayer(node, at, basics);
                case COMMAND -> command(node, at, basics);
            };
        }

        private CheckBasics basics(JsonNode node, String at) {
            String name = text(node, at, "name");
            Layer layer = node.has("layer") ? layer(node.get("layer"), at + ".layer") : null;
            Duration timeout = node.has("timeout") ? positiveDuration(node.get("timeout"), at + ".timeout")
                    : defaultTimeout;
            boolean critical = bool(node, at, "critical", true);
            Set<VerificationPurpose> when = EnumSet.allOf(VerificationPurpose.class);
            if (node.has("when")) {
                String w = scalar(node.get("when"), at + ".when");
                when = switch (w) {
                    case "postUpgrade" -> EnumSet.of(VerificationPurpose.POST_UPGRADE);
                    case "postRollback" -> EnumSet.of(VerificationPurpose.POST_ROLLBACK);
                    case "always" -> EnumSet.allOf(VerificationPurpose.class);
                    default -> throw new InvalidInputException(source, at + ".when", "'" + w + "' is not accepted:"
                            + " use postUpgrade, postRollback or always");
                };
            }
            return new CheckBasics(name, layer, timeout, critical, when);
        }

        private RolloutCheck rollout(JsonNode node, String at, CheckBasics basics) {
            String resource = text(node, at, "resource");
            if (!RESOURCE.matcher(resource).matches()) {
                throw new InvalidInputException(source, at + ".resource", "'" + resource + "' is not a workload"
                        + " kubectl can watch: write kind/name, e.g. statefulset/dataos-manager");
            }
            return new RolloutCheck(basics, resource, k8sName(node, at, "namespace"),
                    optionalText(node, at, "context"));
        }

        private PromQlCheck promql(JsonNode node, String at, CheckBasics basics) {
            JsonNode endpointNode = node.has("prometheus") ? node.get("prometheus") : prometheusDefaults;
            String endpointAt = node.has("prometheus") ? at + ".prometheus" : "defaults.prometheus";
            if (endpointNode == null) {
                throw new InvalidInputException(source, at + ".prometheus", "missing: give the Prometheus (or"
                        + " Grafana) url here or under defaults.prometheus");
            }
            requireObject(endpointNode, endpointAt);
            onlyKeys(endpointNode, endpointAt + ".", PROMETHEUS_KEYS);
            URI url = url(endpointNode.get("url"), endpointAt + ".url");
            String uid = optionalText(endpointNode, endpointAt, "grafanaDatasourceUid");
            if (uid != null && !uid.matches("[A-Za-z0-9_-]+")) {
                throw new InvalidInputException(source, endpointAt + ".grafanaDatasourceUid", "'" + uid + "' is"
                        + " not a data source uid: copy it from Grafana (letters, digits, - and _)");
            }
            PrometheusEndpoint endpoint = new PrometheusEndpoint(url, uid,
                    optionalText(endpointNode, endpointAt, "tokenSecret"));
            String query = text(node, at, "query");
            String symbol = text(node, at, "comparison");
            Comparison comparison = Comparison.fromSymbol(symbol).orElseThrow(() -> new InvalidInputException(source,
                    at + ".comparison", "'" + symbol + "' is not a comparison: use one of " + Comparison.symbols()));
            JsonNode thresholdNode = node.get("threshold");
            if (thresholdNode == null || !(thresholdNode.isNumber() || thresholdNode.isTextual())) {
                throw new InvalidInputException(source, at + ".threshold", "missing: give the number the query's"
                        + " value is compared with, e.g. 0.05");
            }
            double threshold;
            try {
                threshold = Double.parseDouble(thresholdNode.asText());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(source, at + ".threshold", "'" + thresholdNode.asText() + "' is not"
                        + " a number: write e.g. 0.05");
            }
            Duration bake = node.has("bakeTime") ? duration(node.get("bakeTime"), at + ".bakeTime") : Duration.ZERO;
            Duration interval = node.has("interval") ? positiveDuration(node.get("interval"), at + ".interval")
                    : Duration.ofSeconds(30);
            if (!bake.isZero() && interval.compareTo(bake) > 0) {
                throw new InvalidInputException(source, at + ".interval", "is longer than bakeTime: the query would"
                        + " be evaluated only once; shorten interval or lengthen bakeTime");
            }
            return new PromQlCheck(basics, endpoint, query, comparison, threshold, bake, interval,
                    bool(node, at, "passWhenEmpty", false));
        }

        private DataIntegrityCheck dataIntegrity(JsonNode node, String at, CheckBasics basics) {
            String jdbcUrl = fromCheckOrDatabase(node, at, "jdbcUrl", true);
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new InvalidInputException(source, at + ".jdbcUrl", "'" + jdbcUrl + "' is not a PostgreSQL"
                        + " JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE (no password in it)");
            }
            if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password")) {
                throw new InvalidInputException(source, at + ".jdbcUrl", "carries a password: remove it and put"
                        + " the password in the secret named by passwordSecret (default postgres-password)");
            }
            String user = fromCheckOrDatabase(node, at, "user", true);
            String passwordSecret = fromCheckOrDatabase(node, at, "passwordSecret", false);
            String baseline = fromCheckOrDatabase(node, at, "baseline", true);
            JsonNode tablesNode = node.get("tables");
            if (tablesNode == null || !tablesNode.isArray() || tablesNode.isEmpty()) {
                throw new InvalidInputException(source, at + ".tables", "missing or empty: list the critical"
                        + " tables as schema.table, e.g. [public.datasets]");
            }
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < tablesNode.size(); i++) {
                String table = scalar(tablesNode.get(i), at + ".tables[" + i + "]");
                if (!TABLE.matcher(table).matches()) {
                    throw new InvalidInputException(source, at + ".tables[" + i + "]", "'" + table + "' is not a"
                            + " plain table name: write schema.table or table (letters, digits, _ and $)");
                }
                tables.add(table);
            }
            IntegrityComparison compare = IntegrityComparison.CHECKSUM;
            if (node.has("compare")) {
                String c = scalar(node.get("compare"), at + ".compare");
                compare = IntegrityComparison.fromFileName(c).orElseThrow(() -> new InvalidInputException(source,
                        at + ".compare", "'" + c + "' is not accepted: use " + IntegrityComparison.fileNames()));
            }
            return new DataIntegrityCheck(basics, jdbcUrl, user, passwordSecret, tables, baseline, compare);
        }

        private InterLayerCheck interLayer(JsonNode node, String at, CheckBasics basics) {
            if (!node.has("from") || !node.has("to")) {
                throw new InvalidInputException(source, at + (node.has("from") ? ".to" : ".from"), "missing: label"
                        + " the probe with the calling layer (from) and the layer reached (to): userSpace,"
                        + " coreKernel or cloudKernel");
            }
            Layer from = layer(node.get("from"), at + ".from");
            Layer to = layer(node.get("to"), at + ".to");
            boolean tcp = node.has("tcp");
            boolean http = node.has("url");
            if (tcp == http) {
                throw new InvalidInputException(source, at + (tcp ? ".url" : ".tcp"), tcp
                        ? "give either tcp or url, not both: one probe per check"
                        : "missing: give tcp: HOST:PORT for a TCP probe or url: for an HTTP probe");
            }
            CheckBasics withLayer = basics.layer() == null
                    ? new CheckBasics(basics.name(), from, basics.timeout(), basics.critical(), basics.appliesTo())
                    : basics;
            if (tcp) {
                String target = scalar(node.get("tcp"), at + ".tcp");
                int colon = target.lastIndexOf(':');
                int port = -1;
                if (colon > 0) {
                    try {
                        port = Integer.parseInt(target.substring(colon + 1));
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                }
                if (port < 1 || port > 65535) {
                    throw new InvalidInputException(source, at + ".tcp", "'" + target + "' is not HOST:PORT with a"
                            + " port from 1 to 65535");
                }
                String host = target.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                return new InterLayerCheck(withLayer, from, to, host, port, null, null);
            }
            return new InterLayerCheck(withLayer, from, to, null, 0, url(node.get("url"), at + ".url"),
                    statuses(node, at));
        }

        private CommandCheck command(JsonNode node, String at, CheckBasics basics) {
            JsonNode argvNode = node.get("command");
            if (argvNode == null || !argvNode.isArray() || argvNode.isEmpty()) {
                throw new InvalidInputException(source, at + ".command", (argvNode != null && argvNode.isTextual()
                        ? "is a single string: write the argv as a list, e.g. [./regression.sh, --suite, smoke]"
                        + " (commands never run through a shell)"
                        : "missing: give the argv as a list, e.g. [./regression.sh, --suite, smoke]"));
            }
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < argvNode.size(); i++) {
                argv.add(scalar(argvNode.get(i), at + ".command[" + i + "]"));
            }
            if (argv.get(0).isBlank()) {
                throw new InvalidInputException(source, at + ".command[0]", "is blank: name the program to run");
            }
            io.dataos.upgrade.model.Launchers.refuseShell(argv, source, at + ".command", "write the argv of the"
                    + " program itself, e.g. [./regression.sh, --suite, smoke]");
            Map<String, String> secretEnv = new LinkedHashMap<>();
            if (node.has("secretEnv")) {
                JsonNode env = node.get("secretEnv");
                requireObject(env, at + ".secretEnv");
                Iterator<Map.Entry<String, JsonNode>> fields = env.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> e = fields.next();
                    if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new InvalidInputException(source, at + ".secretEnv." + e.getKey(), "is not an"
                                + " environment variable name: use letters, digits and _");
                    }
                    secretEnv.put(e.getKey(), scalar(e.getValue(), at + ".secretEnv." + e.getKey()));
                }
            }
            int expectExit = node.has("expectExit") ? integer(node.get("expectExit"), at + ".expectExit") : 0;
            return new CommandCheck(basics, argv, optionalText(node, at, "workDir"), secretEnv, expectExit);
        }

        private String fromCheckOrDatabase(JsonNode node, String at, String key, boolean required) {
            if (node.has(key)) {
                return scalar(node.get(key), at + "." + key);
            }
            if (databaseDefaults != null && databaseDefaults.has(key)) {
                return scalar(databaseDefaults.get(key), "defaults.database." + key);
            }
            if (required) {
                throw new InvalidInputException(source, at + "." + key, "missing: give it here or under"
                        + " defaults.database");
            }
            return null;
        }

        private Set<Integer> statuses(JsonNode node, String at) {
            if (!node.has("expectStatus")) {
                return Set.of(200);
            }
            JsonNode s = node.get("expectStatus");
            Set<Integer> codes = new LinkedHashSet<>();
            if (s.isArray()) {
                for (int i = 0; i < s.size(); i++) {
                    codes.add(status(s.get(i), at + ".expectStatus[" + i + "]"));
                }
            } else {
                codes.add(status(s, at + ".expectStatus"));
            }
            if (codes.isEmpty()) {
                throw new InvalidInputException(source, at + ".expectStatus", "is empty: list the accepted HTTP"
                        + " status codes, e.g. [200, 204]");
            }
            return codes;
        }

        private int status(JsonNode node, String field) {
            int code = integer(node, field);
            if (code < 100 || code > 599) {
                throw new InvalidInputException(source, field, code + " is not an HTTP status: use 100 to 599");
            }
            return code;
        }

        private Layer layer(JsonNode node, String field) {
            String text = scalar(node, field);
            return switch (text) {
                case "userSpace", "USER_SPACE" -> Layer.USER_SPACE;
                case "coreKernel", "CORE_KERNEL" -> Layer.CORE_KERNEL;
                case "cloudKernel", "CLOUD_KERNEL" -> Layer.CLOUD_KERNEL;
                default -> throw new InvalidInputException(source, field, "'" + text + "' is not a DataOS layer: use"
                        + " userSpace, coreKernel or cloudKernel");
            };
        }

        private URI url(JsonNode node, String field) {
            if (node == null) {
                throw new InvalidInputException(source, field, "missing: give an http:// or https:// URL");
            }
            String text = scalar(node, field);
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new InvalidInputException(source, field, "is not a URL (" + e.getReason() + "): write e.g."
                        + " https://host:port/path");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException(source, field, "is not an http:// or https:// URL with a host");
            }
            if (uri.getRawUserInfo() != null) {
                throw new InvalidInputException(source, field, "carries credentials: remove user:password@ and"
                        + " name a bearer token with tokenSecret instead");
            }
            return uri;
        }

        private Duration positiveDuration(JsonNode node, String field) {
            Duration d = duration(node, field);
            if (d.isZero() || d.isNegative()) {
                throw new InvalidInputException(source, field, "must be longer than zero");
            }
            return d;
        }

        private Duration duration(JsonNode node, String field) {
            try {
                return DurationText.parse(scalar(node, field));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, field, e.getMessage());
            }
        }

        private int integer(JsonNode node, String field) {
            if (node.isIntegralNumber() && node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.isTextual() && node.asText().matches("-?\\d{1,9}")) {
                return Integer.parseInt(node.asText());
            }
            throw new InvalidInputException(source, field, "'" + node.asText() + "' is not a whole number");
        }

        private boolean bool(JsonNode node, String at, String key, boolean fallback) {
            if (!node.has(key)) {
                return fallback;
            }
            JsonNode value = node.get(key);
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            throw new InvalidInputException(source, at + "." + key, "'" + value.asText() + "' is not true or"
                    + " false");
        }

        private String text(JsonNode node, String at, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                throw new InvalidInputException(source, at + "." + key, "missing: this field is required");
            }
            String text = scalar(value, at + "." + key);
            if (text.isBlank()) {
                throw new InvalidInputException(source, at + "." + key, "is blank: give a value");
            }
            return text;
        }

        private String optionalText(JsonNode node, String at, String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = scalar(value, at + "." + key);
            return text.isBlank() ? null : text;
        }

        private String k8sName(JsonNode node, String at, String key) {
            String name = text(node, at, key);
            if (name.length() > 253 || !K8S_NAME.matcher(name).matches()) {
                throw new InvalidInputException(source, at + "." + key, "'" + name + "' is not a Kubernetes name:"
                        + " use lower-case letters, digits, - and .");
            }
            return name;
        }

        private String scalar(JsonNode node, String field) {
            if (node == null || !node.isValueNode() || node.isNull()) {
                throw new InvalidInputException(source, field, "must be a single value, not a list or mapping");
            }
            return node.asText();
        }

        private void requireObject(JsonNode node, String field) {
            if (!node.isObject()) {
                throw new InvalidInputException(source, field, "must be a mapping of field: value");
            }
        }

        private void onlyKeys(JsonNode node, String prefix, Set<String> allowed) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    throw StrictYaml.unknownField(source, prefix.endsWith(".") ? prefix.substring(0,
                            prefix.length() - 1) : prefix, name, allowed, 0, "use ");
                }
            }
        }
    }
}
