package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code helm upgrade --install}: release, namespace, chart directory, values files, an overlay of
 * single values (like {@code --set}) and an overlay of secret values (the Prime API key), which reach
 * Helm in memory only and are masked in everything the sandbox returns or logs.
 *
 * @param release the release name
 * @param namespace the release namespace
 * @param chart the chart directory
 * @param valuesFiles values files, later ones win
 * @param overlay dotted value paths → values, applied after the files (Helm infers types as for --set)
 * @param secretOverlay dotted value paths → secrets, applied last
 * @param description the release description Helm records; {@code null} for Helm's default
 * @param timeout how long the call may take before the sandbox gives up on it
 */
public record HelmUpgradeRequest(
        String release,
        String namespace,
        Path chart,
        List<Path> valuesFiles,
        Map<String, String> overlay,
        Map<String, Secret> secretOverlay,
        String description,
        Duration timeout) {

    /** Helm's release name rule: a DNS-1123 subdomain of at most 53 characters. */
    private static final Pattern RELEASE_NAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern NAMESPACE = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern VALUE_PATH = Pattern.compile("^[A-Za-z0-9_-]+(\\[[0-9]+])?(\\.[A-Za-z0-9_-]+(\\[[0-9]+])?)*$");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final String SOURCE = "helm upgrade request";

    public HelmUpgradeRequest {
        valuesFiles = List.copyOf(valuesFiles == null ? List.of() : valuesFiles);
        overlay = Map.copyOf(overlay == null ? Map.of() : overlay);
        secretOverlay = Map.copyOf(secretOverlay == null ? Map.of() : secretOverlay);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        validate(release, namespace, chart, valuesFiles, overlay, secretOverlay, timeout);
    }

    /** An upgrade of {@code release} in {@code namespace} to the chart in {@code chart}, nothing else set. */
    public static HelmUpgradeRequest of(String release, String namespace, Path chart) {
        return new HelmUpgradeRequest(release, namespace, chart, List.of(), Map.of(), Map.of(), null, null);
    }

    /** This request with {@code file} added after the existing values files. */
    public HelmUpgradeRequest withValuesFile(Path file) {
        List<Path> files = new ArrayList<>(valuesFiles);
        files.add(file);
        return new HelmUpgradeRequest(release, namespace, chart, files, overlay, secretOverlay, description, timeout);
    }

    /** This request with the value at {@code path} (dotted, e.g. {@code image.tag}) set to {@code value}. */
    public HelmUpgradeRequest withValue(String path, String value) {
        Map<String, String> values = new LinkedHashMap<>(overlay);
        values.put(path, Objects.requireNonNull(value, "value"));
        return new HelmUpgradeRequest(release, namespace, chart, valuesFiles, values, secretOverlay, description, timeout);
    }

    /** This request with the value at {@code path} set to a secret (kept out of files, logs and results). */
    public HelmUpgradeRequest withSecretValue(String path, Secret secret) {
        Map<String, Secret> secrets = new LinkedHashMap<>(secretOverlay);
        secrets.put(path, Objects.requireNonNull(secret, "secret"));
        return new HelmUpgradeRequest(release, namespace, chart, valuesFiles, overlay, secrets, description, timeout);
    }

    /** This request with Helm's release description set. */
    public HelmUpgradeRequest withDescription(String text) {
        return new HelmUpgradeRequest(release, namespace, chart, valuesFiles, overlay, secretOverlay, text, timeout);
    }

    /** This request with another time limit. */
    public HelmUpgradeRequest withTimeout(Duration limit) {
        return new HelmUpgradeRequest(release, namespace, chart, valuesFiles, overlay, secretOverlay, description, limit);
    }

    static void validateRelease(String source, String release, String namespace) {
        if (release == null || release.isEmpty() || release.length() > 53 || !RELEASE_NAME.matcher(release).matches()) {
            throw new InvalidInputException(source, "release", "'" + release + "' is not a valid Helm release name:"
                    + " use lowercase letters, digits, '-' and '.', at most 53 characters");
        }
        if (namespace == null || namespace.isEmpty() || namespace.length() > 63 || !NAMESPACE.matcher(namespace).matches()) {
            throw new InvalidInputException(source, "namespace", "'" + namespace + "' is not a valid namespace:"
                    + " use lowercase letters, digits and '-', at most 63 characters");
        }
    }

    static void validateTimeout(String source, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidInputException(source, "timeout", timeout + " is not positive: give a time limit above zero");
        }
    }

    private static void validate(String release, String namespace, Path chart, List<Path> valuesFiles,
            Map<String, String> overlay, Map<String, Secret> secretOverlay, Duration timeout) {
        validateRelease(SOURCE, release, namespace);
        if (chart == null || !Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new InvalidInputException(SOURCE, "chart", chart + " is not a Helm chart directory (no Chart.yaml):"
                    + " pass the directory holding Chart.yaml");
        }
        for (int i = 0; i < valuesFiles.size(); i++) {
            if (!Files.isRegularFile(valuesFiles.get(i))) {
                throw new InvalidInputException(SOURCE, "valuesFiles[" + i + "]", valuesFiles.get(i)
                        + " is not a readable file: pass an existing values file");
            }
        }
        for (String path : overlay.keySet()) {
            requireValuePath("overlay", path);
        }
        for (String path : secretOverlay.keySet()) {
            requireValuePath("secretOverlay", path);
            if (overlay.containsKey(path)) {
                throw new InvalidInputException(SOURCE, "overlay." + path,
                        "is set both as a plain and as a secret value: keep only the secret one");
            }
        }
        validateTimeout(SOURCE, timeout);
    }

    private static void requireValuePath(String field, String path) {
        if (path == null || !VALUE_PATH.matcher(path).matches()) {
            throw new InvalidInputException(SOURCE, field, "'" + path + "' is not a value path:"
                    + " use dotted keys such as image.tag or env[0].name");
        }
    }
}
