package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.model.Launchers;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.verify.ChecksYaml.CheckYaml;
import io.dataos.upgrade.verify.ChecksYaml.CommandYaml;
import io.dataos.upgrade.verify.ChecksYaml.DataIntegrityYaml;
import io.dataos.upgrade.verify.ChecksYaml.DatabaseYaml;
import io.dataos.upgrade.verify.ChecksYaml.FileYaml;
import io.dataos.upgrade.verify.ChecksYaml.HelmTestYaml;
import io.dataos.upgrade.verify.ChecksYaml.HttpYaml;
import io.dataos.upgrade.verify.ChecksYaml.InterLayerYaml;
import io.dataos.upgrade.verify.ChecksYaml.OneOrMany;
import io.dataos.upgrade.verify.ChecksYaml.PromQlYaml;
import io.dataos.upgrade.verify.ChecksYaml.PrometheusYaml;
import io.dataos.upgrade.verify.ChecksYaml.RolloutYaml;
import io.dataos.upgrade.verify.ChecksYaml.UntypedYaml;
import io.dataos.upgrade.yaml.StrictYaml;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
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
        return parse(source, yaml.getBytes(StandardCharsets.UTF_8));
    }

    public static ChecksFile parse(String source, byte[] yaml) {
        return new Reader(source).read(yaml);
    }

    /** Checks the bound file value by value, naming the field and the fix. */
    private static final class Reader {

        private final String source;
        private Duration defaultTimeout = DEFAULT_TIMEOUT;
        private PrometheusYaml prometheusDefaults;
        private DatabaseYaml databaseDefaults;

        Reader(String source) {
            this.source = source;
        }

        ChecksFile read(byte[] yaml) {
            // size, encoding, one document, no duplicate keys and no anchors or aliases (Jackson would
            // read a scalar alias as its name); then unknown fields, with the nearest known name
            if (StrictYaml.scanIfAny(yaml, source, FORMAT) == null) {
                throw new InvalidInputException(source, "checks", "the file is empty: list at least one check");
            }
            FileYaml root = StrictYaml.read(yaml, source, FORMAT, FileYaml.class).value();
            int parallelism = 1;
            if (root.parallelism() != null) {
                parallelism = integer(root.parallelism(), "parallelism");
                if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                    throw new InvalidInputException(source, "parallelism", "is " + parallelism + ": use 1 (one"
                            + " check at a time) up to " + MAX_PARALLELISM);
                }
            }
            if (root.defaults() != null) {
                if (root.defaults().timeout() != null) {
                    defaultTimeout = positiveDuration(root.defaults().timeout(), "defaults.timeout");
                }
                prometheusDefaults = root.defaults().prometheus();
                databaseDefaults = root.defaults().database();
            }
            if (root.checks() == null || root.checks().isEmpty()) {
                throw new InvalidInputException(source, "checks", "missing or empty: list the checks to run,"
                        + " each with a name and a type (" + CheckType.fileNames() + ")");
            }
            List<Check> checks = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < root.checks().size(); i++) {
                String at = "checks[" + i + "]";
                Check check = check(root.checks().get(i), at);
                if (!names.add(check.name())) {
                    throw new InvalidInputException(source, at + ".name", "'" + check.name() + "' is used by an"
                            + " earlier check: give every check its own name (it names the JUnit testcase)");
                }
                checks.add(check);
            }
            return new ChecksFile(checks, parallelism);
        }

        private Check check(CheckYaml node, String at) {
            if (node == null) {
                throw new InvalidInputException(source, at, "must be a mapping of field: value");
            }
            if (node instanceof UntypedYaml) {
                String typeName = text(node.type(), at + ".type");
                throw new InvalidInputException(source, at + ".type", "'" + typeName + "' is not a check type: use"
                        + " one of " + CheckType.fileNames());
            }
            CheckBasics basics = basics(node, at);
            if (node instanceof RolloutYaml r) {
                return rollout(r, at, basics);
            }
            if (node instanceof HelmTestYaml h) {
                return new HelmTestCheck(basics, k8sName(h.release(), at + ".release"),
                        k8sName(h.namespace(), at + ".namespace"), bool(h.logs(), at + ".logs", false));
            }
            if (node instanceof HttpYaml h) {
                return new HttpCheck(basics, url(h.url(), at + ".url"), statuses(h.expectStatus(), at),
                        optionalText(h.bodyContains()), optionalText(h.tokenSecret()));
            }
            if (node instanceof PromQlYaml p) {
                return promql(p, at, basics);
            }
            if (node instanceof DataIntegrityYaml d) {
                return dataIntegrity(d, at, basics);
            }
            if (node instanceof InterLayerYaml l) {
                return interLayer(l, at, basics);
            }
            return command((CommandYaml) node, at, basics);
        }

        private CheckBasics basics(CheckYaml node, String at) {
            String name = text(node.name(), at + ".name");
            Layer layer = node.layer() != null ? layer(node.layer(), at + ".layer") : null;
            Duration timeout = node.timeout() != null ? positiveDuration(node.timeout(), at + ".timeout")
                    : defaultTimeout;
            boolean critical = bool(node.critical(), at + ".critical", true);
            Set<VerificationPurpose> when = EnumSet.allOf(VerificationPurpose.class);
            if (node.when() != null) {
                String w = node.when();
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

        private RolloutCheck rollout(RolloutYaml node, String at, CheckBasics basics) {
            String resource = text(node.resource(), at + ".resource");
            if (!RESOURCE.matcher(resource).matches()) {
                throw new InvalidInputException(source, at + ".resource", "'" + resource + "' is not a workload"
                        + " kubectl can watch: write kind/name, e.g. statefulset/dataos-manager");
            }
            return new RolloutCheck(basics, resource, k8sName(node.namespace(), at + ".namespace"),
                    optionalText(node.context()));
        }

        private PromQlCheck promql(PromQlYaml node, String at, CheckBasics basics) {
            PrometheusYaml endpointNode = node.prometheus() != null ? node.prometheus() : prometheusDefaults;
            String endpointAt = node.prometheus() != null ? at + ".prometheus" : "defaults.prometheus";
            if (endpointNode == null) {
                throw new InvalidInputException(source, at + ".prometheus", "missing: give the Prometheus (or"
                        + " Grafana) url here or under defaults.prometheus");
            }
            URI url = url(endpointNode.url(), endpointAt + ".url");
            String uid = optionalText(endpointNode.grafanaDatasourceUid());
            if (uid != null && !uid.matches("[A-Za-z0-9_-]+")) {
                throw new InvalidInputException(source, endpointAt + ".grafanaDatasourceUid", "'" + uid + "' is"
                        + " not a data source uid: copy it from Grafana (letters, digits, - and _)");
            }
            PrometheusEndpoint endpoint = new PrometheusEndpoint(url, uid, optionalText(endpointNode.tokenSecret()));
            String query = text(node.query(), at + ".query");
            String symbol = text(node.comparison(), at + ".comparison");
            Comparison comparison = Comparison.fromSymbol(symbol).orElseThrow(() -> new InvalidInputException(source,
                    at + ".comparison", "'" + symbol + "' is not a comparison: use one of " + Comparison.symbols()));
            if (node.threshold() == null) {
                throw new InvalidInputException(source, at + ".threshold", "missing: give the number the query's"
                        + " value is compared with, e.g. 0.05");
            }
            double threshold;
            try {
                threshold = Double.parseDouble(node.threshold());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(source, at + ".threshold", "'" + node.threshold() + "' is not"
                        + " a number: write e.g. 0.05");
            }
            Duration bake = node.bakeTime() != null ? duration(node.bakeTime(), at + ".bakeTime") : Duration.ZERO;
            Duration interval = node.interval() != null ? positiveDuration(node.interval(), at + ".interval")
                    : Duration.ofSeconds(30);
            if (!bake.isZero() && interval.compareTo(bake) > 0) {
                throw new InvalidInputException(source, at + ".interval", "is longer than bakeTime: the query would"
                        + " be evaluated only once; shorten interval or lengthen bakeTime");
            }
            return new PromQlCheck(basics, endpoint, query, comparison, threshold, bake, interval,
                    bool(node.passWhenEmpty(), at + ".passWhenEmpty", false));
        }

        private DataIntegrityCheck dataIntegrity(DataIntegrityYaml node, String at, CheckBasics basics) {
            DatabaseYaml d = databaseDefaults;
            String jdbcUrl = fromCheckOrDatabase(node.jdbcUrl(), d == null ? null : d.jdbcUrl(), at, "jdbcUrl", true);
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new InvalidInputException(source, at + ".jdbcUrl", "'" + jdbcUrl + "' is not a PostgreSQL"
                        + " JDBC URL: write jdbc:postgresql://HOST:PORT/DATABASE (no password in it)");
            }
            if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password")) {
                throw new InvalidInputException(source, at + ".jdbcUrl", "carries a password: remove it and put"
                        + " the password in the secret named by passwordSecret (default postgres-password)");
            }
            String user = fromCheckOrDatabase(node.user(), d == null ? null : d.user(), at, "user", true);
            String passwordSecret = fromCheckOrDatabase(node.passwordSecret(), d == null ? null : d.passwordSecret(),
                    at, "passwordSecret", false);
            String baseline = fromCheckOrDatabase(node.baseline(), d == null ? null : d.baseline(), at, "baseline",
                    true);
            if (node.tables() == null || node.tables().isEmpty()) {
                throw new InvalidInputException(source, at + ".tables", "missing or empty: list the critical"
                        + " tables as schema.table, e.g. [public.datasets]");
            }
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < node.tables().size(); i++) {
                String table = scalar(node.tables().get(i), at + ".tables[" + i + "]");
                if (!TABLE.matcher(table).matches()) {
                    throw new InvalidInputException(source, at + ".tables[" + i + "]", "'" + table + "' is not a"
                            + " plain table name: write schema.table or table (letters, digits, _ and $)");
                }
                tables.add(table);
            }
            IntegrityComparison compare = IntegrityComparison.CHECKSUM;
            if (node.compare() != null) {
                String c = node.compare();
                compare = IntegrityComparison.fromFileName(c).orElseThrow(() -> new InvalidInputException(source,
                        at + ".compare", "'" + c + "' is not accepted: use " + IntegrityComparison.fileNames()));
            }
            return new DataIntegrityCheck(basics, jdbcUrl, user, passwordSecret, tables, baseline, compare);
        }

        private InterLayerCheck interLayer(InterLayerYaml node, String at, CheckBasics basics) {
            if (node.from() == null || node.to() == null) {
                throw new InvalidInputException(source, at + (node.from() != null ? ".to" : ".from"), "missing:"
                        + " label the probe with the calling layer (from) and the layer reached (to): userSpace,"
                        + " coreKernel or cloudKernel");
            }
            Layer from = layer(node.from(), at + ".from");
            Layer to = layer(node.to(), at + ".to");
            boolean tcp = node.tcp() != null;
            boolean http = node.url() != null;
            if (tcp == http) {
                throw new InvalidInputException(source, at + (tcp ? ".url" : ".tcp"), tcp
                        ? "give either tcp or url, not both: one probe per check"
                        : "missing: give tcp: HOST:PORT for a TCP probe or url: for an HTTP probe");
            }
            CheckBasics withLayer = basics.layer() == null
                    ? new CheckBasics(basics.name(), from, basics.timeout(), basics.critical(), basics.appliesTo())
                    : basics;
            if (tcp) {
                String target = node.tcp();
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
            return new InterLayerCheck(withLayer, from, to, null, 0, url(node.url(), at + ".url"),
                    statuses(node.expectStatus(), at));
        }

        private CommandCheck command(CommandYaml node, String at, CheckBasics basics) {
            OneOrMany argvNode = node.command();
            if (argvNode == null || argvNode.single() || argvNode.values().isEmpty()) {
                throw new InvalidInputException(source, at + ".command", argvNode != null && argvNode.single()
                        ? "is a single string: write the argv as a list, e.g. [./regression.sh, --suite, smoke]"
                        + " (commands never run through a shell)"
                        : "missing: give the argv as a list, e.g. [./regression.sh, --suite, smoke]");
            }
            List<String> argv = new ArrayList<>();
            for (int i = 0; i < argvNode.values().size(); i++) {
                argv.add(scalar(argvNode.values().get(i), at + ".command[" + i + "]"));
            }
            if (argv.get(0).isBlank()) {
                throw new InvalidInputException(source, at + ".command[0]", "is blank: name the program to run");
            }
            Launchers.refuseShell(argv, source, at + ".command", "write the argv of the program itself, e.g."
                    + " [./regression.sh, --suite, smoke]");
            Map<String, String> secretEnv = new LinkedHashMap<>();
            if (node.secretEnv() != null) {
                for (Map.Entry<String, String> e : node.secretEnv().entrySet()) {
                    if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new InvalidInputException(source, at + ".secretEnv." + e.getKey(), "is not an"
                                + " environment variable name: use letters, digits and _");
                    }
                    secretEnv.put(e.getKey(), scalar(e.getValue(), at + ".secretEnv." + e.getKey()));
                }
            }
            int expectExit = node.expectExit() != null ? integer(node.expectExit(), at + ".expectExit") : 0;
            return new CommandCheck(basics, argv, optionalText(node.workDir()), secretEnv, expectExit);
        }

        private String fromCheckOrDatabase(String value, String fallback, String at, String key, boolean required) {
            if (value != null) {
                return value;
            }
            if (fallback != null) {
                return fallback;
            }
            if (required) {
                throw new InvalidInputException(source, at + "." + key, "missing: give it here or under"
                        + " defaults.database");
            }
            return null;
        }

        private Set<Integer> statuses(OneOrMany node, String at) {
            if (node == null) {
                return Set.of(200);
            }
            Set<Integer> codes = new LinkedHashSet<>();
            if (node.single()) {
                codes.add(status(node.values().get(0), at + ".expectStatus"));
            } else {
                for (int i = 0; i < node.values().size(); i++) {
                    codes.add(status(node.values().get(i), at + ".expectStatus[" + i + "]"));
                }
            }
            if (codes.isEmpty()) {
                throw new InvalidInputException(source, at + ".expectStatus", "is empty: list the accepted HTTP"
                        + " status codes, e.g. [200, 204]");
            }
            return codes;
        }

        private int status(String text, String field) {
            int code = integer(scalar(text, field), field);
            if (code < 100 || code > 599) {
                throw new InvalidInputException(source, field, code + " is not an HTTP status: use 100 to 599");
            }
            return code;
        }

        private Layer layer(String text, String field) {
            return switch (text) {
                case "userSpace", "USER_SPACE" -> Layer.USER_SPACE;
                case "coreKernel", "CORE_KERNEL" -> Layer.CORE_KERNEL;
                case "cloudKernel", "CLOUD_KERNEL" -> Layer.CLOUD_KERNEL;
                default -> throw new InvalidInputException(source, field, "'" + text + "' is not a DataOS layer: use"
                        + " userSpace, coreKernel or cloudKernel");
            };
        }

        private URI url(String text, String field) {
            if (text == null) {
                throw new InvalidInputException(source, field, "missing: give an http:// or https:// URL");
            }
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

        private Duration positiveDuration(String text, String field) {
            Duration d = duration(text, field);
            if (d.isZero() || d.isNegative()) {
                throw new InvalidInputException(source, field, "must be longer than zero");
            }
            return d;
        }

        private Duration duration(String text, String field) {
            try {
                return DurationText.parse(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(source, field, e.getMessage());
            }
        }

        private int integer(String text, String field) {
            if (text.matches("-?\\d{1,9}")) {
                return Integer.parseInt(text);
            }
            throw new InvalidInputException(source, field, "'" + text + "' is not a whole number");
        }

        private boolean bool(String text, String field, boolean fallback) {
            if (text == null) {
                return fallback;
            }
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new InvalidInputException(source, field, "'" + text + "' is not true or false");
        }

        private String text(String value, String field) {
            if (value == null) {
                throw new InvalidInputException(source, field, "missing: this field is required");
            }
            if (value.isBlank()) {
                throw new InvalidInputException(source, field, "is blank: give a value");
            }
            return value;
        }

        private static String optionalText(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        private String k8sName(String value, String field) {
            String name = text(value, field);
            if (name.length() > 253 || !K8S_NAME.matcher(name).matches()) {
                throw new InvalidInputException(source, field, "'" + name + "' is not a Kubernetes name:"
                        + " use lower-case letters, digits, - and .");
            }
            return name;
        }

        /** An item of a list or map, which may be null ({@code - ~}). */
        private String scalar(String value, String field) {
            if (value == null) {
                throw new InvalidInputException(source, field, "must be a single value, not empty");
            }
            return value;
        }
    }
}
