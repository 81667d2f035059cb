package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.marcnuri.helm.GetCommand;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The Helm release operations the runbook needs (upgrade --install, history, status, get values,
 * rollback, uninstall, template, lint), run in-process through helm-java's bundled Helm against a
 * kubeconfig, usually {@link SandboxKubernetes}'s. Every call runs on its own daemon thread and is
 * abandoned after its time limit with a {@link HelmTimeoutException}, because a native call against
 * an API that never answers cannot be interrupted. Every secret it is given is masked (plain and
 * base64) in all it returns, throws and logs.
 *
 * <p>helm-java has no rollback; {@link #rollback} emulates it as Helm's own rollback does in effect:
 * an upgrade with the target revision's values and chart, recorded as "Rollback to N".
 */
public final class SandboxHelm {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final Path kubeconfig;
    private final String apiServer;
    private final Duration defaultTimeout;
    private final Consumer<String> log;
    private final SecretMask mask = new SecretMask();

    /**
     * @param kubeconfig the kubeconfig Helm uses
     * @param apiServer the API address, for messages only
     * @param defaultTimeout the limit of calls that take no request-specific one
     * @param log receives one line per operation (already masked)
     */
    public SandboxHelm(Path kubeconfig, String apiServer, Duration defaultTimeout, Consumer<String> log) {
        this.kubeconfig = Objects.requireNonNull(kubeconfig, "kubeconfig");
        this.apiServer = Objects.requireNonNull(apiServer, "apiServer");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.log = Objects.requireNonNull(log, "log");
        HelmUpgradeRequest.validateTimeout("sandbox helm", defaultTimeout);
    }

    /** Helm against {@code sandbox}'s API with a 60 s limit per call. */
    public static SandboxHelm forSandbox(SandboxKubernetes sandbox, Consumer<String> log) {
        return new SandboxHelm(sandbox.kubeconfig(), sandbox.apiServer().toString(), HelmUpgradeRequest.DEFAULT_TIMEOUT, log);
    }

    /** Masks {@code secret} in everything this instance returns, throws and logs from now on. */
    public void registerSecret(Secret secret) {
        mask.add(Objects.requireNonNull(secret, "secret"));
    }

    /** The secrets this instance masks. */
    public java.util.Set<Secret> knownSecrets() {
        return mask.secrets();
    }

    /** {@code text} with every secret this instance knows masked (plain and base64). */
    public String masked(String text) {
        return mask.apply(text);
    }

    /** The version of the bundled Helm, e.g. {@code v3.21.0} (also loads the native library). */
    public String helmVersion() {
        return call("version", null, defaultTimeout, () -> Helm.version().call());
    }

    /** {@code helm upgrade --install}: installs the release or upgrades it to a new revision. */
    public ReleaseStatus upgradeInstall(HelmUpgradeRequest request) {
        request.secretOverlay().values().forEach(mask::add);
        long started = System.nanoTime();
        ReleaseStatus status = call("upgrade", request.release(), request.timeout(),
                () -> toStatus(upgradeCommand(request, false).call()));
        log(String.format("helm upgrade --install %s (namespace %s, chart %s): revision %d %s in %.1f s",
                request.release(), request.namespace(), status.chart(), status.revision(), status.status(),
                seconds(started)));
        return status;
    }

    /** {@code helm history}: every revision of the release, oldest first. */
    public List<ReleaseRevision> history(String release, String namespace) {
        HelmUpgradeRequest.validateRelease("helm history", release, namespace);
        List<ReleaseHistory> history = call("history", release, defaultTimeout, () -> Helm.history(release)
                .withNamespace(namespace).withKubeConfig(kubeconfig).call());
        List<ReleaseRevision> revisions = new ArrayList<>();
        for (ReleaseHistory h : history) {
            revisions.add(new ReleaseRevision(h.getRevision(), h.getUpdated(), h.getStatus(), h.getChart(),
                    h.getAppVersion(), mask.apply(h.getDescription())));
        }
        revisions.sort(Comparator.comparingInt(ReleaseRevision::revision));
        return revisions;
    }

    /** {@code helm status}: the release's current revision. */
    public ReleaseStatus status(String release, String namespace) {
        HelmUpgradeRequest.validateRelease("helm status", release, namespace);
        return call("status", release, defaultTimeout, () -> toStatus(Helm.status(release)
                .withNamespace(namespace).withKubeConfig(kubeconfig).call()));
    }

    /** The release's current revision, or empty if no release of that name exists in the namespace. */
    public Optional<ReleaseStatus> find(String release, String namespace) {
        try {
            return Optional.of(status(release, namespace));
        } catch (HelmTimeoutException e) {
            throw e;
        } catch (SandboxHelmException e) {
            if (e.getMessage().contains("not found")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * {@code helm get values --revision N}: the user-supplied values of a revision as YAML, with every
     * value that is a known secret replaced by the string "****" (still valid YAML).
     */
    public String values(String release, String namespace, int revision) {
        JsonNode values = parseValues(rawValues(release, namespace, revision));
        if (values instanceof ObjectNode object) {
            Map<String, Secret> found = new LinkedHashMap<>();
            extractSecrets(object, "", found, true);
        }
        try {
            return mask.apply(YAML.writeValueAsString(values));
        } catch (IOException e) {
            throw new SandboxHelmException("get values", release, "could not write the values as YAML: "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Rolls the release back to {@code request.toRevision()} the way the sandbox can: an upgrade with
     * that revision's chart and values, described as "Rollback to N". Secret values of the target
     * revision are re-sent in memory, never written to the temporary values file.
     */
    public ReleaseStatus rollback(HelmRollbackRequest request) {
        long started = System.nanoTime();
        request.secretOverlay().values().forEach(mask::add);
        List<ReleaseRevision> history = history(request.release(), request.namespace());
        ReleaseRevision target = history.stream().filter(r -> r.revision() == request.toRevision()).findFirst()
                .orElseThrow(() -> new InvalidInputException("helm rollback request", "toRevision",
                        "release " + request.release() + " has no revision " + request.toRevision()
                                + " (it has " + history.stream().map(r -> Integer.toString(r.revision())).toList()
                                + "): pick one of those"));
        ChartRef chart = ChartRef.read(request.chart(), "helm rollback request");
        if (!chart.nameVersion().equals(target.chart())) {
            throw new InvalidInputException("helm rollback request", "chart", "revision " + target.revision()
                    + " was made from chart " + target.chart() + " but " + request.chart() + " holds "
                    + chart.nameVersion() + ": pass the chart of that revision");
        }
        JsonNode values = parseValues(rawValues(request.release(), request.namespace(), request.toRevision()));
        Map<String, Secret> secrets = new LinkedHashMap<>();
        if (values instanceof ObjectNode object) {
            extractSecrets(object, "", secrets, false);
        }
        secrets.putAll(request.secretOverlay());
        Path privateDir = null;
        try {
            HelmUpgradeRequest upgrade = HelmUpgradeRequest.of(request.release(), request.namespace(), request.chart())
                    .withDescription("Rollback to " + request.toRevision())
                    .withTimeout(request.timeout());
            if (values instanceof ObjectNode object && !object.isEmpty()) {
                privateDir = Files.createTempDirectory("dataos-sandbox-rollback-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path file = privateDir.resolve("values-revision-" + request.toRevision() + ".yaml");
                Files.writeString(file, YAML.writeValueAsString(object), StandardCharsets.UTF_8);
                upgrade = upgrade.withValuesFile(file);
            }
            for (Map.Entry<String, Secret> secret : secrets.entrySet()) {
                upgrade = upgrade.withSecretValue(secret.getKey(), secret.getValue());
            }
            HelmUpgradeRequest finalUpgrade = upgrade;
            ReleaseStatus status = call("rollback", request.release(), request.timeout(),
                    () -> toStatus(upgradeCommand(finalUpgrade, true).call()));
            log(String.format("helm rollback %s to revision %d (emulated as upgrade): revision %d %s in %.1f s",
                    request.release(), request.toRevision(), status.revision(), status.status(), seconds(started)));
            return status;
        } catch (IOException e) {
            throw new SandboxHelmException("rollback", request.release(),
                    "could not write the values of revision " + request.toRevision() + " to a private temporary file: "
                            + e.getClass().getSimpleName());
        } finally {
            deleteTree(privateDir);
        }
    }

    /** {@code helm uninstall}: removes the release's resources and its history; returns Helm's message. */
    public String uninstall(String release, String namespace) {
        HelmUpgradeRequest.validateRelease("helm uninstall", release, namespace);
        long started = System.nanoTime();
        String out = call("uninstall", release, defaultTimeout, () -> Helm.uninstall(release)
                .withNamespace(namespace).withKubeConfig(kubeconfig).call());
        log(String.format("helm uninstall %s (namespace %s) in %.1f s", release, namespace, seconds(started)));
        return mask.apply(out == null ? "" : out.trim());
    }

    /** {@code helm template}: the manifests the request would apply, secrets masked. Needs no cluster. */
    public String template(HelmUpgradeRequest request) {
        request.secretOverlay().values().forEach(mask::add);
        String manifests = call("template", request.release(), request.timeout(), () -> {
            TemplateCommand template = new Helm(request.chart()).template()
                    .withName(request.release())
                    .withNamespace(request.namespace());
            request.valuesFiles().forEach(template::withValuesFile);
            request.overlay().forEach(template::set);
            request.secretOverlay().forEach((path, secret) -> template.set(path, secret.reveal()));
            return template.call();
        });
        return mask.apply(manifests);
    }

    /** {@code helm lint} of a chart with optional values files. Needs no cluster. */
    public LintReport lint(Path chart, List<Path> valuesFiles) {
        ChartRef.read(chart, "helm lint");
        LintResult result = call("lint", null, defaultTimeout, () -> new Helm(chart).lint().call());
        List<String> messages = result.getMessages().stream().map(mask::apply).toList();
        // helm-java's lint takes no values files; render with them so their errors surface too.
        if (valuesFiles != null && !valuesFiles.isEmpty()) {
            HelmUpgradeRequest render = HelmUpgradeRequest.of("lint", "default", chart);
            for (Path file : valuesFiles) {
                render = render.withValuesFile(file);
            }
            try {
                template(render);
            } catch (SandboxHelmException e) {
                List<String> withRender = new ArrayList<>(messages);
                withRender.add("[ERROR] rendering with the values files: " + e.getMessage());
                return new LintReport(true, withRender);
            }
        }
        return new LintReport(result.isFailed(), messages);
    }

    // ---- internals ----

    private UpgradeCommand upgradeCommand(HelmUpgradeRequest request, boolean resetValues) {
        UpgradeCommand upgrade = new Helm(request.chart()).upgrade()
                .install()
                .withName(request.release())
                .withNamespace(request.namespace())
                .withKubeConfig(kubeconfig)
                // The sandbox API serves no OpenAPI schema to validate against (see docs/sandbox.md).
                .disableOpenApiValidation()
                .withTimeout((int) Math.max(1, request.timeout().toSeconds()));
        if (resetValues) {
            upgrade.resetValues();
        }
        if (request.description() != null) {
            upgrade.withDescription(request.description());
        }
        request.valuesFiles().forEach(upgrade::withValuesFile);
        request.overlay().forEach(upgrade::set);
        request.secretOverlay().forEach((path, secret) -> upgrade.set(path, secret.reveal()));
        return upgrade;
    }

    private String rawValues(String release, String namespace, int revision) {
        HelmUpgradeRequest.validateRelease("helm get values", release, namespace);
        if (revision < 1) {
            throw new InvalidInputException("helm get values", "revision", revision + " is not a revision: revisions start at 1");
        }
        GetCommand.GetValuesSubcommand get = Helm.get(release).values()
                .withRevision(revision).withNamespace(namespace).withKubeConfig(kubeconfig);
        String yaml = call("get values", release, defaultTimeout, get::call);
        return yaml == null ? "" : yaml;
    }

    private static JsonNode parseValues(String yaml) {
        String body = yaml.startsWith("USER-SUPPLIED VALUES:") ? yaml.substring("USER-SUPPLIED VALUES:".length()) : yaml;
        if (body.isBlank() || body.trim().equals("null")) {
            return YAML.createObjectNode();
        }
        try {
            return YAML.readTree(body);
        } catch (IOException e) {
            throw new SandboxHelmException("get values", null, "Helm returned values that are not YAML ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Moves every leaf equal to a known secret out of {@code values} into {@code secrets} by value path;
     * with {@code maskInPlace} the leaf stays, as "****".
     */
    private void extractSecrets(ObjectNode values, String prefix, Map<String, Secret> secrets, boolean maskInPlace) {
        List<String> doomed = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value instanceof ObjectNode child) {
                extractSecrets(child, path, secrets, maskInPlace);
            } else if (value instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof ObjectNode element) {
                        extractSecrets(element, path + "[" + i + "]", secrets, maskInPlace);
                    }
                }
            } else if (value.isTextual()) {
                Secret secret = mask.matching(value.asText());
                if (secret != null) {
                    secrets.put(path, secret);
                    doomed.add(field.getKey());
                }
            }
        }
        if (maskInPlace) {
            doomed.forEach(key -> values.put(key, "****"));
        } else {
            doomed.forEach(values::remove);
        }
    }

    private <T> T call(String operation, String release, Duration timeout, Callable<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                result.complete(body.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "sandbox-helm-" + operation.replace(' ', '-'));
        // A native call that hangs must not keep the JVM alive.
        worker.setDaemon(true);
        worker.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log(String.format("helm %s%s: no answer within %d s, abandoned", operation,
                    release == null ? "" : " " + release, timeout.toSeconds()));
            throw new HelmTimeoutException(operation, release, timeout, apiServer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxHelmException(operation, release, "interrupted while waiting for Helm");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidInputException invalid) {
                throw invalid;
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().trim();
            throw new SandboxHelmException(operation, release, mask.apply(message));
        }
    }

    private static ReleaseStatus toStatus(Release release) {
        return new ReleaseStatus(release.getName(), release.getNamespace(), parseRevision(release.getRevision()),
                release.getStatus(), release.getChart(), release.getAppVersion(), release.getLastDeployed());
    }

    private static int parseRevision(String revision) {
        try {
            return revision == null ? 0 : Integer.parseInt(revision.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void log(String line) {
        log.accept(mask.apply(line));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
    }
}
