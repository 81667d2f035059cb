package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A {@link CommandRunner} that answers {@code helm} and {@code kubectl} command lines in-process,
 * against the sandbox, the way the real CLIs answer them (same arguments, same JSON and YAML output,
 * same "Error:" lines and exit codes), and hands every other program to a real runner. With it,
 * engine code written for the binaries (helm status/history/get/upgrade/rollback/uninstall/test/
 * show/template/lint/version; kubectl version, get namespace, rollout status of a StatefulSet) runs
 * unchanged in a rehearsal on a machine that has neither.
 *
 * <p>{@code --wait} is played by the sandbox controller: after the change every StatefulSet of
 * the release is rolled out once; one that does not become ready makes the command fail with
 * Helm's "context deadline exceeded" and the revision is recorded as failed, as Helm does.
 */
public final class SandboxCommandRunner implements CommandRunner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    /** Flags that take a value (as "--flag value" or "--flag=value"). */
    private static final Set<String> VALUE_FLAGS = Set.of("-n", "--namespace", "--context", "--revision", "-o", "--output",
            "--timeout", "--version", "-f", "--values", "--set", "--set-string", "--kube-context", "--kubeconfig",
            "--template", "--description", "--max", "--kube-apiserver", "--kube-token");

    /**
     * The program a rehearsal's settings name for the steps only a site knows how to do (stacks,
     * cluster images, Core Kernel components, a new cluster, infrastructure as code): answered here,
     * never run, each line labelled {@value #SIMULATED}.
     */
    public static final String SIMULATOR = "dataos-rehearsal-simulator";
    /** The label of every line the simulator prints. */
    public static final String SIMULATED = "[simulated] ";

    /** What happens once a {@code helm upgrade} has succeeded: a rehearsal's injected fault. */
    @FunctionalInterface
    public interface UpgradeListener {
        /**
         * @param output the command's output, for a line saying what happened
         * @throws InterruptedException to play the engine dying right after the upgrade
         */
        void upgraded(String release, String namespace, Consumer<String> output) throws IOException, InterruptedException;
    }

    private final SandboxKubernetes k8s;
    private final SandboxHelm helm;
    private volatile UpgradeListener afterUpgrade = (release, namespace, output) -> { };
    private final HelmReleaseRecords records;
    private final CommandRunner others;
    /** "repo/chart" → version → chart directory: the charts a real run would pull from a repository. */
    private final Map<String, java.util.TreeMap<String, Path>> charts = new java.util.concurrent.ConcurrentHashMap<>();

    /** Serves {@code helm} from {@code helm}/{@code k8s}; anything else goes to {@code others}. */
    public SandboxCommandRunner(SandboxKubernetes k8s, SandboxHelm helm, CommandRunner others) {
        this.k8s = k8s;
        this.helm = helm;
        this.records = new HelmReleaseRecords(k8s);
        this.others = others;
    }

    /** The programs that really run (pg_dump, psql, the simulator) keep the secrets' variables out, as in production. */
    @Override
    public void withhold(io.dataos.upgrade.secret.Secret secret) {
        others.withhold(secret);
    }

    /** The settings' {@code childEnvironment.withhold} reaches the programs that really run. */
    @Override
    public void withholdVariables(Iterable<String> names) {
        others.withholdVariables(names);
    }

    /**
     * Serves {@code reference} (e.g. {@code dataos/dataos-manager}) at {@code version} from the local
     * chart directory {@code directory}, as a chart repository would; returns this runner.
     */
    public SandboxCommandRunner withChart(String reference, String version, Path directory) {
        charts.computeIfAbsent(reference, r -> new java.util.TreeMap<>()).put(version, directory);
        return this;
    }

    /** Calls {@code listener} after each successful {@code helm upgrade}; returns this runner. */
    public SandboxCommandRunner afterUpgrade(UpgradeListener listener) {
        this.afterUpgrade = java.util.Objects.requireNonNull(listener);
        return this;
    }

    /** A local chart directory for a chart argument: a directory as it is, or a served repository chart. */
    private Path chart(String reference, Optional<String> version) {
        Path local = Path.of(reference);
        if (Files.isRegularFile(local.resolve("Chart.yaml"))) {
            return local;
        }
        java.util.TreeMap<String, Path> versions = charts.get(reference);
        if (versions == null || versions.isEmpty()) {
            throw new SandboxHelmException("pull", null, "repo " + reference.split("/")[0] + " not found (the sandbox"
                    + " serves only the charts it was given)");
        }
        if (version.isEmpty()) {
            return versions.lastEntry().getValue();
        }
        Path dir = versions.get(version.get());
        if (dir == null) {
            throw new SandboxHelmException("pull", null, "chart \"" + reference + "\" version \"" + version.get()
                    + "\" not found (the sandbox serves " + versions.keySet() + ")");
        }
        return dir;
    }

    @Override
    public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
        String program = Path.of(command.argv().get(0)).getFileName().toString();
        long started = System.nanoTime();
        if (program.equals(SIMULATOR)) {
            String line = helm.masked(SIMULATED + "a real run would execute: "
                    + String.join(" ", command.argv().subList(1, command.argv().size())));
            output.accept(line);
            return new CommandResult(0, false, line, Duration.ofNanos(System.nanoTime() - started));
        }
        if (!program.equals("helm") && !program.equals("kubectl")) {
            return others.run(command, output);
        }
        command.secrets().forEach(helm::registerSecret);
        List<String> lines = new ArrayList<>();
        Consumer<String> emit = text -> {
            for (String line : text.split("\\R", -1)) {
                String masked = helm.masked(line);
                lines.add(masked);
                output.accept(masked);
            }
        };
        int exit;
        try {
            Args args = Args.parse(command.argv().subList(1, command.argv().size()));
            exit = program.equals("helm") ? helm(args, command.timeout(), emit) : kubectl(args, emit);
        } catch (SandboxHelmException | SandboxKubernetesException | io.dataos.upgrade.api.InvalidInputException e) {
            emit.accept("Error: " + e.getMessage());
            exit = 1;
        }
        String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
        if (exit == 0 && program.equals("helm") && command.argv().size() > 2
                && command.argv().get(1).equals("upgrade")) {
            Args args = Args.parse(command.argv().subList(1, command.argv().size()));
            afterUpgrade.upgraded(args.positional(1), args.value("--namespace", "-n").orElse("default"), emit);
        }
        return new CommandResult(exit, false, tail, Duration.ofNanos(System.nanoTime() - started));
    }

    private int helm(Args a, Duration timeout, Consumer<String> out) throws IOException {
        String verb = a.positional(0);
        String ns = a.value("--namespace", "-n").orElse("default");
        switch (verb) {
            case "version" -> {
                String version = helm.helmVersion();
                out.accept(a.value("--template").isPresent() ? version
                        : "version.BuildInfo{Version:\"" + version + "\", GitCommit:\"\", GitTreeState:\"clean\", GoVersion:\"\"}");
                return 0;
            }
            case "show" -> {
                if (!"chart".equals(a.positional(1))) {
                    out.accept("Error: the sandbox's helm shows only charts ('helm show chart')");
                    return 1;
                }
                Path chart = chart(a.positional(2), a.value("--version"));
                out.accept(Files.readString(chart.resolve("Chart.yaml")).stripTrailing());
                return 0;
            }
            case "status" -> {
                Optional<ObjectNode> record = latest(a.positional(1), ns);
                if (record.isEmpty()) {
                    return notFound(out);
                }
                if (a.value("--output", "-o").map("json"::equals).orElse(false)) {
                    // as helm 3 and 4 print it (cmd/helm/status.go sets rel.Chart to nil): the release, no chart
                    ObjectNode shown = record.get().deepCopy();
                    shown.remove("chart");
                    out.accept(JSON.writeValueAsString(shown));
                } else {
                    out.accept(statusText(record.get()));
                }
                return 0;
            }
            case "history" -> {
                List<ReleaseRevision> history = historyOrEmpty(a.positional(1), ns);
                if (history.isEmpty()) {
                    return notFound(out);
                }
                ArrayNode entries = JSON.createArrayNode();
                for (ReleaseRevision r : history) {
                    entries.addObject().put("revision", r.revision()).put("updated", String.valueOf(r.updated()))
                            .put("status", r.status()).put("chart", r.chart()).put("app_version", r.appVersion())
                            .put("description", r.description());
                }
                out.accept(JSON.writeValueAsString(entries));
                return 0;
            }
            case "get" -> {
                String what = a.positional(1);
                String release = a.positional(2);
                Optional<ObjectNode> record = a.value("--revision").isPresent()
                        ? records.read(ns, release, Integer.parseInt(a.value("--revision").get()))
                        : latest(release, ns);
                if (record.isEmpty()) {
                    return notFound(out);
                }
                if (what.equals("manifest")) {
                    out.accept(record.get().path("manifest").asText("").stripTrailing());
                } else if (what.equals("metadata")) {
                    // as helm 3.13+ and 4 print it with -o json (pkg/action/get_metadata.go)
                    JsonNode meta = record.get().path("chart").path("metadata");
                    ObjectNode m = JSON.createObjectNode().put("name", record.get().path("name").asText())
                            .put("chart", meta.path("name").asText()).put("version", meta.path("version").asText())
                            .put("appVersion", meta.path("appVersion").asText(""))
                            .put("namespace", record.get().path("namespace").asText())
                            .put("revision", record.get().path("version").asInt())
                            .put("status", record.get().path("info").path("status").asText())
                            .put("deployedAt", record.get().path("info").path("last_deployed").asText());
                    out.accept(JSON.writeValueAsString(m));
                } else if (what.equals("values")) {
                    JsonNode config = record.get().path("config");
                    String format = a.value("--output", "-o").orElse("table");
                    String body = config.isMissingNode() || config.isNull() || config.isEmpty() ? "null"
                            : format.equals("json") ? JSON.writeValueAsString(config) : YAML.writeValueAsString(config).stripTrailing();
                    out.accept(format.equals("table") ? "USER-SUPPLIED VALUES:\n" + body : body);
                } else {
                    out.accept("Error: the sandbox's helm does not support 'get " + what + "'");
                    return 1;
                }
                return 0;
            }
            case "upgrade", "install" -> {
                return upgrade(a, ns, timeout, out);
            }
            case "rollback" -> {
                return rollback(a, ns, timeout, out);
            }
            case "uninstall", "delete" -> {
                if (historyOrEmpty(a.positional(1), ns).isEmpty()) {
                    return notFound(out);
                }
                out.accept(helm.uninstall(a.positional(1), ns));
                return 0;
            }
            case "test" -> {
                Optional<ObjectNode> record = latest(a.positional(1), ns);
                if (record.isEmpty()) {
                    return notFound(out);
                }
                // No test hooks can run without pods; a chart without test hooks passes, as with real Helm.
                if (record.get().path("hooks").toString().contains("\"test\"")) {
                    out.accept("Error: the sandbox cannot run test pods (no kubelet); run helm test on a real cluster");
                    return 1;
                }
                out.accept(statusText(record.get()) + "\nTEST SUITE: None");
                return 0;
            }
            case "template" -> {
                HelmUpgradeRequest request = request(a, a.positional(1), ns, a.positional(2), timeout);
                out.accept(helm.template(request).stripTrailing());
                return 0;
            }
            case "lint" -> {
                LintReport lint = helm.lint(Path.of(a.positional(1)), a.values("--values", "-f").stream().map(Path::of).toList());
                lint.messages().forEach(out);
                out.accept(lint.failed() ? "Error: 1 chart(s) linted, 1 chart(s) failed" : "1 chart(s) linted, 0 chart(s) failed");
                return lint.failed() ? 1 : 0;
            }
            default -> {
                out.accept("Error: the sandbox's in-process helm does not support '" + verb + "'");
                return 1;
            }
        }
    }

    /** The kubectl calls the engine makes: version, get namespace, rollout status of a StatefulSet. */
    private int kubectl(Args a, Consumer<String> out) throws IOException {
        String verb = a.positional(0);
        String ns = a.value("--namespace", "-n").orElse("default");
        switch (verb) {
            case "version" -> {
                ObjectNode version = JSON.createObjectNode();
                version.putObject("clientVersion").put("gitVersion", "v1.30.0").put("platform", "sandbox");
                version.set("serverVersion", JSON.readTree(HelmApiDispatcher.SERVER_VERSION));
                out.accept(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(version));
                return 0;
            }
            case "get" -> {
                String kind = a.positional(1);
                String name = a.positional(2);
                if (!List.of("namespace", "namespaces", "ns").contains(kind)) {
                    out.accept("error: the sandbox's in-process kubectl gets only namespaces");
                    return 1;
                }
                Optional<ObjectNode> found = k8s.get("/api/v1/namespaces/" + name);
                if (found.isEmpty()) {
                    out.accept("Error from server (NotFound): namespaces \"" + name + "\" not found");
                    return 1;
                }
                out.accept(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(found.get()));
                return 0;
            }
            case "rollout" -> {
                String resource = a.positional(2);
                int slash = resource.indexOf('/');
                String kind = slash < 0 ? "" : resource.substring(0, slash);
                String name = resource.substring(slash + 1);
                if (!"status".equals(a.positional(1)) || !List.of("statefulset", "statefulsets", "sts").contains(kind)) {
                    out.accept("error: the sandbox's in-process kubectl watches only StatefulSet rollouts");
                    return 1;
                }
                if (k8s.statefulSet(ns, name).isEmpty()) {
                    out.accept("Error from server (NotFound): statefulsets.apps \"" + name + "\" not found");
                    return 1;
                }
                // Time passing in the sandbox is the controller acting once.
                StatefulSetState state = k8s.rollOut(ns, name);
                if (state.rolledOut()) {
                    out.accept("statefulset rolling update complete " + state.replicas() + " pods at revision "
                            + state.updateRevision() + "...");
                    return 0;
                }
                out.accept("Waiting for " + (state.replicas() - state.readyReplicas()) + " pods to be ready...");
                out.accept("error: timed out waiting for the condition");
                return 1;
            }
            default -> {
                out.accept("error: the sandbox's in-process kubectl does not support '" + verb + "'");
                return 1;
            }
        }
    }

    private int upgrade(Args a, String ns, Duration timeout, Consumer<String> out) throws IOException {
        boolean install = a.positional(0).equals("install");
        String release = a.positional(1);
        String chart = a.positional(2);
        if (!install && !a.flag("--install") && historyOrEmpty(release, ns).isEmpty()) {
            out.accept("Error: UPGRADE FAILED: \"" + release + "\" has no deployed releases");
            return 1;
        }
        HelmUpgradeRequest request = request(a, release, ns, chart, timeout);
        ReleaseStatus status = helm.upgradeInstall(request);
        if (a.flag("--wait") || a.flag("--atomic")) {
            Optional<String> notReady = waitForStatefulSets(ns, release, status.revision());
            if (notReady.isPresent()) {
                records.mark(ns, release, status.revision(), "failed",
                        "Upgrade \"" + release + "\" failed: context deadline exceeded");
                out.accept("Error: UPGRADE FAILED: context deadline exceeded (sandbox: " + notReady.get() + ")");
                return 1;
            }
        }
        out.accept((status.revision() == 1 ? "Release \"" + release + "\" has been installed."
                : "Release \"" + release + "\" has been upgraded.") + " Happy Helming!");
        records.read(ns, release, status.revision()).ifPresent(r -> out.accept(statusText(r)));
        return 0;
    }

    private int rollback(Args a, String ns, Duration timeout, Consumer<String> out) throws IOException {
        String release = a.positional(1);
        List<ReleaseRevision> history = historyOrEmpty(release, ns);
        if (history.isEmpty()) {
            return notFound(out);
        }
        int target = a.positionals.size() > 2 ? Integer.parseInt(a.positional(2))
                : history.get(history.size() - 1).revision() - 1;
        Optional<ObjectNode> record = records.read(ns, release, target);
        if (record.isEmpty()) {
            out.accept("Error: release: not found");
            return 1;
        }
        Path chartDir = Files.createTempDirectory("dataos-sandbox-chart-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            writeChart(record.get().path("chart"), chartDir);
            ReleaseStatus status = helm.rollback(new HelmRollbackRequest(release, ns, chartDir, target, Map.of(),
                    timeout == null ? null : timeout));
            if (a.flag("--wait")) {
                Optional<String> notReady = waitForStatefulSets(ns, release, status.revision());
                if (notReady.isPresent()) {
                    records.mark(ns, release, status.revision(), "failed",
                            "Rollback \"" + release + "\" failed: context deadline exceeded");
                    out.accept("Error: context deadline exceeded (sandbox: " + notReady.get() + ")");
                    return 1;
                }
            }
            out.accept("Rollback was a success! Happy Helming!");
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(chartDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Plays the controller for every StatefulSet of the revision; the first that stays unready, if any. */
    private Optional<String> waitForStatefulSets(String ns, String release, int revision) {
        String manifest = records.read(ns, release, revision).map(r -> r.path("manifest").asText("")).orElse("");
        for (String doc : manifest.split("(?m)^---\\s*$")) {
            try {
                JsonNode object = YAML.readTree(doc);
                if (object != null && "StatefulSet".equals(object.path("kind").asText())) {
                    String name = object.path("metadata").path("name").asText();
                    String namespace = object.path("metadata").path("namespace").asText(ns);
                    StatefulSetState state = k8s.rollOut(namespace, name);
                    if (!state.rolledOut()) {
                        return Optional.of("StatefulSet " + name + " has " + state.readyReplicas() + "/"
                                + state.replicas() + " ready replicas");
                    }
                }
            } catch (IOException e) {
                // A document Helm rendered that is not YAML cannot be a StatefulSet to wait for.
            }
        }
        return Optional.empty();
    }

    private HelmUpgradeRequest request(Args a, String release, String ns, String chart, Duration timeout) {
        HelmUpgradeRequest request = HelmUpgradeRequest.of(release, ns, chart(chart, a.value("--version")));
        for (String file : a.values("--values", "-f")) {
            request = request.withValuesFile(Path.of(file));
        }
        for (String set : a.values("--set")) {
            int eq = set.indexOf('=');
            String value = set.substring(eq + 1);
            Secret secret = null;
            for (Secret known : helm.knownSecrets()) {
                if (known.reveal().equals(value)) {
                    secret = known;
                }
            }
            request = secret != null ? request.withSecretValue(set.substring(0, eq), secret)
                    : request.withValue(set.substring(0, eq), value);
        }
        if (a.value("--description").isPresent()) {
            request = request.withDescription(a.value("--description").get());
        }
        return timeout == null ? request : request.withTimeout(timeout);
    }

    private Optional<ObjectNode> latest(String release, String ns) {
        List<ReleaseRevision> history = historyOrEmpty(release, ns);
        return history.isEmpty() ? Optional.empty()
                : records.read(ns, release, history.get(history.size() - 1).revision());
    }

    private List<ReleaseRevision> historyOrEmpty(String release, String ns) {
        try {
            return helm.history(release, ns);
        } catch (HelmTimeoutException e) {
            throw e;
        } catch (SandboxHelmException e) {
            if (e.getMessage().contains("not found")) {
                return List.of();
            }
            throw e;
        }
    }

    private static int notFound(Consumer<String> out) {
        out.accept("Error: release: not found");
        return 1;
    }

    private static String statusText(JsonNode record) {
        JsonNode info = record.path("info");
        return "NAME: " + record.path("name").asText() + "\nLAST DEPLOYED: " + info.path("last_deployed").asText()
                + "\nNAMESPACE: " + record.path("namespace").asText() + "\nSTATUS: " + info.path("status").asText()
                + "\nREVISION: " + record.path("version").asInt();
    }

    /** Writes a chart stored in a release record (metadata, values, templates, files) as a chart directory. */
    private static void writeChart(JsonNode chart, Path dir) throws IOException {
        ObjectNode metadata = chart.path("metadata").deepCopy();
        Files.writeString(dir.resolve("Chart.yaml"), YAML.writeValueAsString(metadata), StandardCharsets.UTF_8);
        JsonNode values = chart.path("values");
        Files.writeString(dir.resolve("values.yaml"),
                values.isObject() ? YAML.writeValueAsString(values) : "{}\n", StandardCharsets.UTF_8);
        for (String list : List.of("templates", "files")) {
            for (JsonNode file : chart.path(list)) {
                Path target = dir.resolve(file.path("name").asText()).normalize();
                if (!target.startsWith(dir)) {
                    continue; // a stored name must not escape the chart directory
                }
                Files.createDirectories(target.getParent());
                Files.write(target, Base64.getDecoder().decode(file.path("data").asText("")));
            }
        }
    }

    /** A helm command line split into positionals, valued flags (repeatable) and boolean flags. */
    private record Args(List<String> positionals, Map<String, List<String>> values, Set<String> flags) {

        static Args parse(List<String> argv) {
            List<String> positionals = new ArrayList<>();
            Map<String, List<String>> values = new LinkedHashMap<>();
            Set<String> flags = new java.util.HashSet<>();
            for (int i = 0; i < argv.size(); i++) {
                String arg = argv.get(i);
                if (!arg.startsWith("-") || arg.equals("-")) {
                    positionals.add(arg);
                    continue;
                }
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                if (VALUE_FLAGS.contains(name)) {
                    String value = eq > 0 ? arg.substring(eq + 1) : (i + 1 < argv.size() ? argv.get(++i) : "");
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    flags.add(name);
                }
            }
            return new Args(positionals, values, flags);
        }

        String positional(int index) {
            if (index >= positionals.size()) {
                throw new io.dataos.upgrade.api.InvalidInputException("helm command line", "argument " + (index + 1),
                        "missing: see the helm command's usage");
            }
            return positionals.get(index);
        }

        Optional<String> value(String... names) {
            List<String> all = values(names);
            return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
        }

        List<String> values(String... names) {
            List<String> all = new ArrayList<>();
            for (String name : names) {
                all.addAll(values.getOrDefault(name, List.of()));
            }
            return all;
        }

        boolean flag(String name) {
            return flags.contains(name);
        }
    }
}
