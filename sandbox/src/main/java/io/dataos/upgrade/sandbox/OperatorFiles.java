package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The files an operator keeps for the runbook, written by the rehearsal into its workspace: the
 * runbook settings ({@value #SETTINGS_FILE}, the site's commands run by the labelled simulator), the
 * checks file, the manifests and the values file; and the chart "repository" the sandbox serves.
 * The production runbooks read nothing else.
 */
final class OperatorFiles {

    static final String SETTINGS_FILE = "dataos-upgrade.yaml";
    static final String VALUES_FILE = "values/dataos-manager-values.yaml";
    static final String CHECKS_FILE = "checks/sandbox-checks.yaml";
    static final String BASELINE_FILE = "checks/integrity-baseline.json";
    static final String STATE_DIR = "dataos-upgrade";
    /** The platform state installed now (the example's installed-1.4.yaml, or --installed). */
    static final String INSTALLED = "manifests/installed.yaml";
    /** The release to upgrade to (the example's release-1.5.yaml, or --release). */
    static final String RELEASE = "manifests/release.yaml";
    /** What runs after the upgrade, where a rollback after a failed helm upgrade starts. */
    static final String ROLLBACK_FROM = "manifests/rollback-from.yaml";
    /** The rollback target (the example's release-1.4.yaml, or the --installed state). */
    static final String ROLLBACK_TO = "manifests/rollback-to.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private OperatorFiles() {
    }

    /** The manager section of a release manifest or platform state. */
    record Manager(String version, String chart, String chartVersion, String imageTag, String namespace,
            String release) {

        static Manager of(Path manifest) throws IOException {
            JsonNode tree = YAML.readTree(manifest.toFile());
            JsonNode m = tree.path("manager");
            return new Manager(tree.path("version").asText(), m.path("chart").asText(),
                    m.path("chartVersion").asText(), m.path("imageTag").asText(), m.path("namespace").asText(),
                    m.path("releaseName").asText());
        }
    }

    /**
     * The manifests, copied into the workspace as an operator keeps them: the example's, or the
     * operator's platform state and release (then the state after the upgrade is the installed state
     * with the release's version and layers, and the rollback target is the installed state). With
     * {@code --to-tag}, the upgrade's target tag. Each infrastructure-as-code rollback command is run
     * by the simulator (the sandbox has no infrastructure), its argv kept as what a real run would
     * execute. The upgrade's target tag ends in {@code tagSuffix} (empty but for the real-cluster
     * rehearsal's helm-failure: a tag kwok keeps unready).
     */
    static void writeManifests(ExampleChart.Extracted example, Path root, OperatorChart own, String tagSuffix)
            throws IOException {
        boolean owned = own != null && own.installed() != null;
        ObjectNode installed = read(owned ? own.installed() : example.file("installed-1.4.yaml"));
        ObjectNode release = read(owned ? own.release() : example.file("release-1.5.yaml"));
        ObjectNode from;
        ObjectNode to;
        if (owned) {
            from = installed.deepCopy();
            for (String field : List.of("version", "userSpace", "coreKernel", "cloudKernel")) {
                if (release.has(field)) {
                    from.set(field, release.get(field));
                }
            }
            from.withObjectProperty("manager").setAll((ObjectNode) release.path("manager").deepCopy());
            to = installed.deepCopy();
        } else {
            from = read(example.file("installed-1.5.yaml"));
            to = read(example.file("release-1.4.yaml"));
            // PostgreSQL comes back for real, from the backup kit the rehearsed upgrade took at 1.4: with the
            // example's platform snapshot named, only the (simulated) site template would restore it
            to.withObjectProperty("cloudKernel").withObjectProperty("postgres").remove("snapshot");
        }
        String toTag = own == null ? null : own.toTag();
        if (toTag == null && !tagSuffix.isEmpty()) {
            toTag = release.path("manager").path("imageTag").asText();
        }
        if (toTag != null) {
            toTag += tagSuffix;
            release.withObjectProperty("manager").put("imageTag", toTag);
            from.withObjectProperty("manager").put("imageTag", toTag);
        }
        String origin = owned ? "the operator's " + own.installed().getFileName() + " and "
                + own.release().getFileName() : "examples/";
        write(root, INSTALLED, installed, origin);
        write(root, RELEASE, release, origin);
        write(root, ROLLBACK_FROM, from, origin);
        write(root, ROLLBACK_TO, to, origin);
    }

    static ObjectNode read(Path manifest) throws IOException {
        JsonNode tree = YAML.readTree(manifest.toFile());
        if (!(tree instanceof ObjectNode object)) {
            throw new InvalidInputException(manifest.toString(), "(file)", "is not a YAML"
                    + " mapping: give a release manifest or platform state (docs/release-manifest.md)");
        }
        return object;
    }

    static void write(Path root, String file, ObjectNode tree, String origin) throws IOException {
        JsonNode iac = tree.path("cloudKernel").path("iac");
        JsonNode command = iac.path("rollbackCommand");
        if (command.isArray() && !command.isEmpty()) {
            ArrayNode simulated = YAML.createArrayNode().add(SandboxCommandRunner.SIMULATOR);
            command.forEach(simulated::add);
            ((ObjectNode) iac).set("rollbackCommand", simulated);
        }
        Path target = root.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, "# Written by the sandbox rehearsal from " + origin + "; site commands run "
                + SandboxCommandRunner.SIMULATOR + "\n" + YAML.writeValueAsString(tree), StandardCharsets.UTF_8);
    }

    /** A copy of the chart at {@code version} (Chart.yaml's version and appVersion), as a repository holds it. */
    static Path chartAt(Path chart, Path repo, String version) throws IOException {
        Path dir = repo.resolve("dataos-manager-" + version);
        try (var files = Files.walk(chart)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(chart.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        ObjectNode chartYaml = (ObjectNode) YAML.readTree(dir.resolve("Chart.yaml").toFile());
        chartYaml.put("version", version).put("appVersion", version);
        Files.writeString(dir.resolve("Chart.yaml"), YAML.writeValueAsString(chartYaml), StandardCharsets.UTF_8);
        return dir;
    }

    /**
     * The runbook settings an operator would write for this "installation": the sandbox's kubeconfig,
     * helm and kubectl (answered in-process), the rehearsal's PostgreSQL, the checks, and the site's
     * commands, each run by the labelled simulator.
     */
    static void writeSettings(Path root, SandboxKubernetes k8s, String release, String ns, String chart,
            RehearsalDatabase db) throws IOException {
        writeSettings(root, new Tools("sandbox rehearsal", "answered in-process by the sandbox", "helm",
                "kubectl", k8s.kubeconfig(), "2m"), release, ns, chart, db);
    }

    /**
     * Who runs helm and kubectl in a rehearsal's settings: named {@code helm}/{@code kubectl} and
     * answered in-process (the sandbox), or the real binaries by path against a real control plane.
     */
    record Tools(String instance, String how, String helm, String kubectl, Path kubeconfig, String helmTimeout) {}

    static void writeSettings(Path root, Tools tools, String release, String ns, String chart, RehearsalDatabase db)
            throws IOException {
        String sim = SandboxCommandRunner.SIMULATOR;
        String yaml = """
                # Runbook settings of the %s (format: docs/settings.md), written as an operator would.
                # helm and kubectl are %s; the site's own commands run %s,
                # which prints what a real run would execute, labelled [simulated].
                apiVersion: dataos-upgrade/v1
                kind: RunbookSettings
                instance: %s
                stateDir: %s
                parallelism: 1
                valuesFile: %s
                checks: %s
                helm:
                  release: %s
                  namespace: %s
                  chart: %s
                  timeout: %s
                  kubeconfig: %s
                  executable: %s
                  kubectl: %s
                postgres:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  binDir: %s
                commands:
                  removeStack: [%s, remove-stack, "{installFile}"]
                  reinstallStack: [%s, reinstall-stack, "{installFile}"]
                  revertClusterImage: [%s, revert-cluster-image, "{component}", "{image}"]
                  rollbackComponent: [%s, rollback-component, "{component}", "{from}", "{to}", "{namespace}"]
                  removeComponent: [%s, remove-component, "{component}", "{from}", "{namespace}"]
                  newCluster: [%s, new-cluster, "{version}"]
                  restorePostgresSnapshot: [%s, restore-postgres-snapshot, "{snapshot}", "{database}"]
                commandTimeout: 2m
                """.formatted(tools.instance(), tools.how(), sim, tools.instance(), STATE_DIR, VALUES_FILE, CHECKS_FILE,
                release, ns, chart, tools.helmTimeout(), tools.kubeconfig(), tools.helm(), tools.kubectl(), db.host(),
                db.port(), db.database(), db.user(), db.binDir(), sim, sim, sim, sim, sim, sim, sim);
        Files.writeString(root.resolve(SETTINGS_FILE), yaml, StandardCharsets.UTF_8);
    }

    /** The rehearsal's checks file: the manager's rollout and its health endpoint, and the critical tables. */
    static void writeChecks(Path root, String healthUrl, String release, String ns, RehearsalDatabase db)
            throws IOException {
        String yaml = """
                # Checks of the sandbox rehearsal (format: docs/verification.md).
                defaults:
                  database:
                    jdbcUrl: %s
                    user: %s
                    passwordSecret: %s
                    baseline: %s
                checks:
                  - name: %s rollout
                    type: rollout
                    layer: coreKernel
                    resource: statefulset/%s
                    namespace: %s
                    timeout: 30s
                  - name: %s health
                    type: http
                    layer: coreKernel
                    url: %s
                    expectStatus: [200]
                    bodyContains: '"status":"UP"'
                    timeout: 10s
                  - name: critical tables as backed up
                    type: dataIntegrity
                    layer: cloudKernel
                    when: postRollback
                    tables: [%s]
                    compare: checksum
                    timeout: 30s
                """.formatted(db.jdbcUrl(), db.user(), SecretNames.POSTGRES_PASSWORD, BASELINE_FILE,
                release, release, ns, release, healthUrl, String.join(", ", RehearsalDatabase.CRITICAL_TABLES));
        Files.createDirectories(root.resolve(CHECKS_FILE).getParent());
        Files.writeString(root.resolve(CHECKS_FILE), yaml, StandardCharsets.UTF_8);
    }

    static void writeValues(Path example, Path target, String tag) throws IOException {
        JsonNode values = YAML.readTree(example.toFile());
        ((ObjectNode) values).withObjectProperty("image").put("tag", tag);
        Files.createDirectories(target.getParent());
        Files.writeString(target, YAML.writeValueAsString(values), StandardCharsets.UTF_8);
    }
}
