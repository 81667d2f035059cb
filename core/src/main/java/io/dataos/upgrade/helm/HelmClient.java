package io.dataos.upgrade.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dataos.upgrade.kube.KubeTarget;
import io.dataos.upgrade.process.CapturedOutput;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Helm 3 command line, run through the {@link CommandRunner}: version, show chart, status,
 * history, get values/manifest, upgrade --install and rollback. Answers are read from Helm's JSON
 * output ({@code -o json}); failures keep Helm's own error text, masked, and are never retried
 * behind the caller's back.
 */
public final class HelmClient {

    /** Margin on top of Helm's own {@code --timeout} before the process itself is stopped. */
    static final Duration PROCESS_MARGIN = Duration.ofMinutes(2);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final CommandRunner runner;
    private final String executable;
    private final KubeTarget kube;
    private final Consumer<String> log;

    /**
     * @param executable the helm program ({@code helm} from PATH when null)
     * @param log receives what Helm prints during upgrades and rollbacks, masked
     */
    public HelmClient(CommandRunner runner, String executable, KubeTarget kube, Consumer<String> log) {
        this.runner = runner;
        this.executable = executable == null ? "helm" : executable;
        this.kube = kube == null ? KubeTarget.DEFAULT : kube;
        this.log = log == null ? line -> { } : log;
    }

    /** The client version as {@code helm version --template {{.Version}}} prints it, e.g. {@code v3.21.0}. */
    public String version() throws IOException, InterruptedException {
        CapturedOutput out = read(List.of("version", "--template", "{{.Version}}"), List.of());
        if (!out.succeeded()) {
            throw new CommandFailedException("helm version", out);
        }
        return out.lines().stream().map(String::strip).filter(l -> l.startsWith("v")).reduce((a, b) -> b)
                .orElseThrow(() -> new CommandFailedException("helm version (no version in its answer)", out));
    }

    /** {@code helm show chart CHART [--version V]}: proves the chart resolves from its repository. */
    public ChartInfo showChart(String chart, String version) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("show", "chart", chart));
        if (version != null) {
            args.add("--version");
            args.add(version);
        }
        CapturedOutput out = read(args, List.of());
        if (!out.succeeded()) {
            throw new CommandFailedException("helm show chart " + chart, out);
        }
        try {
            JsonNode meta = YAML.readTree(withoutWarnings(out.lines()));
            return new ChartInfo(meta.path("name").asText(""), meta.path("version").asText(""),
                    meta.path("appVersion").asText(""));
        } catch (JsonProcessingException e) {
            throw new CommandFailedException("reading the Chart.yaml helm show chart printed (" + e.getOriginalMessage()
                    + ")", out);
        }
    }

    /** {@code helm status RELEASE -n NS -o json}; empty when Helm says the release is not found. */
    public Optional<HelmRelease> status(String release, String namespace) throws IOException, InterruptedException {
        CapturedOutput out = read(List.of("status", release, "-n", namespace, "-o", "json"), List.of());
        if (!out.succeeded()) {
            if (isNotFound(out)) {
                return Optional.empty();
            }
            throw new CommandFailedException("helm status " + release, out);
        }
        JsonNode node = parseJson(out, "helm status " + release);
        JsonNode info = node.path("info");
        JsonNode meta = node.path("chart").path("metadata");
        // Helm 3.0 pre-releases wrote "Description"; every release since writes "description".
        String description = info.hasNonNull("description") ? info.path("description").asText()
                : info.path("Description").asText("");
        return Optional.of(new HelmRelease(node.path("name").asText(release), node.path("namespace").asText(namespace),
                node.path("version").asInt(), info.path("status").asText(""), description,
                time(info.path("first_deployed")), time(info.path("last_deployed")), meta.path("name").asText(""),
                meta.path("version").asText(""), meta.path("appVersion").asText("")));
    }

    /** {@code helm history RELEASE -n NS -o json}, oldest first; empty when the release is not found. */
    public ReleaseHistory history(String release, String namespace) throws IOException, InterruptedException {
        CapturedOutput out = read(List.of("history", release, "-n", namespace, "-o", "json"), List.of());
        if (!out.succeeded()) {
            if (isNotFound(out)) {
                return new ReleaseHistory(release, namespace, List.of());
            }
            throw new CommandFailedException("helm history " + release, out);
        }
        List<HelmRevision> revisions = new ArrayList<>();
        for (JsonNode entry : parseJson(out, "helm history " + release)) {
            revisions.add(new HelmRevision(entry.path("revision").asInt(), time(entry.path("updated")),
                    entry.path("status").asText(""), entry.path("chart").asText(""),
                    entry.path("app_version").asText(""), entry.path("description").asText("")));
        }
        return new ReleaseHistory(release, namespace, revisions);
    }

    /**
     * {@code helm get values RELEASE -n NS --revision N -o yaml}: the user-supplied values of a
     * revision. They include the Prime API key, so pass it in {@code mask}; callers redact the rest.
     */
    public String getValues(String release, String namespace, int revision, List<Secret> mask)
            throws IOException, InterruptedException {
        CapturedOutput out = read(List.of("get", "values", release, "-n", namespace, "--revision",
                Integer.toString(revision), "-o", "yaml"), maskingForms(mask));
        if (!out.succeeded()) {
            throw new CommandFailedException("helm get values " + release + " --revision " + revision, out);
        }
        return withoutWarnings(out.lines());
    }

    /** {@code helm get manifest RELEASE -n NS --revision N}: the rendered Kubernetes objects of a revision. */
    public String getManifest(String release, String namespace, int revision, List<Secret> mask)
            throws IOException, InterruptedException {
        CapturedOutput out = read(List.of("get", "manifest", release, "-n", namespace, "--revision",
                Integer.toString(revision)), maskingForms(mask));
        if (!out.succeeded()) {
            throw new CommandFailedException("helm get manifest " + release + " --revision " + revision, out);
        }
        return withoutWarnings(out.lines());
    }

    /**
     * {@code helm upgrade --install RELEASE CHART -n NS -f VALUES... --wait --timeout T [--version V]}.
     * Helm's output streams to the log with every {@code secrets} value (and its base64 form, as it
     * appears in rendered Secrets) masked.
     *
     * @throws CommandFailedException with Helm's own (masked) error when the upgrade fails
     */
    public void upgradeInstall(HelmTarget target, List<String> valuesFiles, Duration timeout, List<Secret> secrets)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("upgrade", "--install", target.release(), target.chart(),
                "-n", target.namespace()));
        for (String file : valuesFiles) {
            args.add("-f");
            args.add(file);
        }
        if (target.chartVersion() != null) {
            args.add("--version");
            args.add(target.chartVersion());
        }
        args.addAll(List.of("--wait", "--timeout", goDuration(timeout)));
        CapturedOutput out = CapturedOutput.run(runner, command(args, timeout.plus(PROCESS_MARGIN),
                maskingForms(secrets)), log);
        if (!out.succeeded()) {
            throw new CommandFailedException("helm upgrade --install " + target.release(), out);
        }
    }

    /**
     * {@code helm rollback RELEASE REVISION -n NS --wait --timeout T}: Helm re-deploys the stored
     * chart and values of {@code revision} as a new revision.
     */
    public void rollback(String release, String namespace, int revision, Duration timeout)
            throws IOException, InterruptedException {
        List<String> args = List.of("rollback", release, Integer.toString(revision), "-n", namespace, "--wait",
                "--timeout", goDuration(timeout));
        CapturedOutput out = CapturedOutput.run(runner, command(args, timeout.plus(PROCESS_MARGIN), List.of()), log);
        if (!out.succeeded()) {
            throw new CommandFailedException("helm rollback " + release + " " + revision, out);
        }
    }

    /** A secret and its base64 form: Helm prints rendered Kubernetes Secrets base64-encoded. */
    static List<Secret> maskingForms(List<Secret> secrets) {
        List<Secret> forms = new ArrayList<>();
        for (Secret secret : secrets) {
            forms.add(secret);
            forms.add(Secret.of(secret.name() + " (base64)", Base64.getEncoder()
                    .encodeToString(secret.reveal().getBytes(StandardCharsets.UTF_8))));
        }
        return forms;
    }

    /** Helm takes Go durations; whole seconds are exact and readable. */
    static String goDuration(Duration timeout) {
        return Math.max(1, timeout.toSeconds()) + "s";
    }

    private CapturedOutput read(List<String> args, List<Secret> secrets) throws IOException, InterruptedException {
        return CapturedOutput.run(runner, command(args, READ_TIMEOUT, secrets), line -> { });
    }

    private Command command(List<String> args, Duration timeout, List<Secret> secrets) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.addAll(args);
        argv.addAll(kube.helmFlags());
        return new Command(argv, Map.of(), null, timeout, secrets);
    }

    private static boolean isNotFound(CapturedOutput out) {
        return out.lines().stream().anyMatch(l -> l.contains("release: not found"));
    }

    private static JsonNode parseJson(CapturedOutput out, String what) {
        try {
            JsonNode node = JSON.readTree(out.jsonText());
            if (node == null || node.isMissingNode()) {
                throw new CommandFailedException(what + " printed no JSON", out);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CommandFailedException("reading the JSON " + what + " printed (" + e.getOriginalMessage() + ")",
                    out);
        }
    }

    /** Helm's JSON times are RFC 3339 with nanoseconds; a zero time is written as "". */
    private static OffsetDateTime time(JsonNode node) {
        String text = node.asText("");
        try {
            return text.isEmpty() ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a time is informative only; never fail a status read over its format
        }
    }

    /** Drops the warnings Helm prints before its answer (stdout and stderr arrive merged). */
    static String withoutWarnings(List<String> lines) {
        int from = 0;
        while (from < lines.size() && lines.get(from).startsWith("WARNING: ")) {
            from++;
        }
        List<String> kept = lines.subList(from, lines.size());
        return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
    }
}
