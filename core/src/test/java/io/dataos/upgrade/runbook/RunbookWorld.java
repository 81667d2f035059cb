package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.ProgressEvent;
import io.dataos.upgrade.api.RunbookPorts;

import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.Approvals;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.JournalEvent;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One DataOS installation for the runbook tests, built from real parts: a workspace with the
 * installed state (1.4.0), the release (1.5.0), the dataos-manager values file, a checks file and a
 * settings file; the faithful fake helm and kubectl (answering like a cluster running dataos-manager
 * chart 1.4.0 at revision 3, moving to revision 4 on upgrade and 5 on rollback); a real PostgreSQL
 * database with data; the Prime API key and database password as secrets; and a log that keeps
 * every line.
 */
public final class RunbookWorld {

    public static final String INSTALLED = "platform/installed-1.4.yaml";
    public static final String INSTALLED_15 = "platform/installed-1.5.yaml";
    public static final String RELEASE = "releases/release-1.5.yaml";
    public static final String VALUES = "config/dataos-manager-values.yaml";
    public static final String CHECKS = "ops/checks.yaml";
    public static final String SETTINGS = "dataos-upgrade.yaml";
    public static final String OLD_TAG = "1.4.0-d1a2b3c";
    public static final String NEW_TAG = "1.5.0-e4f5a6b";

    public final Path dir;
    public final FakeClis fake;
    public final LocalWorkspace workspace;
    public final PostgresConnection database;
    public final Secret postgresPassword;
    final List<String> log = new CopyOnWriteArrayList<>();

    private RunbookWorld(Path dir, FakeClis fake, LocalWorkspace workspace, PostgresConnection database,
            Secret postgresPassword) {
        this.dir = dir;
        this.fake = fake;
        this.workspace = workspace;
        this.database = database;
        this.postgresPassword = postgresPassword;
    }

    /** A world in {@code dir} whose database {@code databaseName} is created on {@code cluster} with 500 rows. */
    public static RunbookWorld create(Path dir, LocalPostgresCluster cluster, String databaseName) throws Exception {
        FakeClis fake = FakeClis.install(dir.resolve("bin"));
        LocalWorkspace workspace = new LocalWorkspace(dir.resolve("ws"));
        PostgresClient admin = admin(cluster);
        admin.createDatabase(cluster.connection("postgres"), databaseName);
        PostgresConnection db = cluster.connection(databaseName);
        admin.sql(db, "CREATE TABLE stacks (id serial PRIMARY KEY, name text NOT NULL, version text)",
                "INSERT INTO stacks (name, version) SELECT 'stack-' || g, '1.' || g FROM generate_series(1, 500) g");
        RunbookWorld world = new RunbookWorld(dir, fake, workspace, db, cluster.password());
        world.writeWorkspace(cluster);
        world.writeCluster();
        return world;
    }

    static PostgresClient admin(LocalPostgresCluster cluster) {
        return new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(), cluster.password(), null);
    }

    private void writeWorkspace(LocalPostgresCluster cluster) throws IOException {
        write(INSTALLED, state("PlatformState", "1.4.0", "1.4.0", OLD_TAG, """
                    - name: flare
                      version: "5.0"
                      installFile: stacks/flare-5.0.yaml
                    - name: scanner
                      version: "2.0"
                      installFile: stacks/scanner-2.0.yaml
                """, "docker.io/rubiklabs/minerva:0.4.1", "1.12.0", "2.4.0", "dataos-pg-1.4.0-20261120")
                + STAKEHOLDERS);
        write(INSTALLED_15, state("PlatformState", "1.5.0", "1.5.0", NEW_TAG, STACKS_15,
                "docker.io/rubiklabs/minerva:0.5.0", "1.12.1", "2.5.0", "dataos-pg-1.4.0-20261120") + STAKEHOLDERS);
        write(RELEASE, state("Release", "1.5.0", "1.5.0", NEW_TAG, STACKS_15, "docker.io/rubiklabs/minerva:0.5.0",
                "1.12.1", "2.5.0", "dataos-pg-1.5.0-20261128") + """
                compatibility:
                  kubernetes: ">=1.27 <1.30"
                downtime: PT20M
                notes:
                  url: https://dataos.info/releases/1.5.0
                  highlights:
                    - Flare 6.0 stack
                    - Talos stack for APIs
                  breaking:
                    - Flare 5 jobs need the new resource block
                """);
        write(VALUES, """
                instanceName: dataos.acme.example # Replace with DataOS Instance Domain Name
                primeAccountId: acme-prod # DataOS Prime Account ID
                primeApiKey: <PRIME_API_KEY> # the key comes from the secret prime-api-key
                enablePrimeSyncUp: true
                image:
                    tag: %s # Update the DataOS Manager tag version to the latest one
                redisUrl: redis-cache-master.caretaker.svc.cluster.local:6379
                logLevel: info
                """.formatted(OLD_TAG));
        write("stacks/flare-5.0.yaml", "name: flare\nversion: \"5.0\"\n");
        write("stacks/flare-6.0.yaml", "name: flare\nversion: \"6.0\"\n");
        write("stacks/scanner-2.0.yaml", "name: scanner\nversion: \"2.0\"\n");
        write("stacks/talos-1.0.yaml", "name: talos\nversion: \"1.0\"\n");
        write("applied/README", "the site commands of the test settings leave their traces here\n");
        settings(cluster, "");
        checks("https://unused.invalid/health");
    }

    /** (Re)writes the settings file, with {@code extra} YAML appended. */
    void settings(LocalPostgresCluster cluster, String extra) throws IOException {
        write(SETTINGS, """
                apiVersion: dataos-upgrade/v1
                kind: RunbookSettings
                instance: dataos.acme.example
                parallelism: 2
                checks: %s
                helm:
                  executable: %s
                  kubectl: %s
                  timeout: 5m
                postgres:
                  host: 127.0.0.1
                  port: %d
                  database: %s
                  user: postgres
                  binDir: %s
                notices:
                  contact: dataos-ops@acme.example
                commands:
                  removeStack: [mkdir, -p, "applied/remove-{component}-{version}"]
                  reinstallStack:
                    run: [cp, "{installFile}", "applied/reinstalled-{component}-{version}.yaml"]
                    doneCheck: [test, -f, "applied/reinstalled-{component}-{version}.yaml"]
                  revertClusterImage: [mkdir, -p, "applied/cluster-{component}"]
                  rollbackComponent: [mkdir, -p, "applied/component-{component}-{from}-to-{to}"]
                  removeComponent: [mkdir, -p, "applied/removed-{component}"]
                  restorePostgresSnapshot:
                    run: [%s/psql, -X, -q, -v, ON_ERROR_STOP=1, -h, "{host}", -p, "{port}", -U, "{user}", -d,
                          "{database}", -c, "CREATE TABLE IF NOT EXISTS restored_snapshot (name text, version text);\
                          INSERT INTO restored_snapshot VALUES ('{snapshot}', '{version}')"]
                commandTimeout: 1m
                delegates:
                  dataos-ops@acme.example: [alice]
                  heimdall-team@acme.example: [alice]
                  metis-team@acme.example: [alice]
                """.formatted(CHECKS, fake.helm(), fake.kubectl(), cluster.port(), database.database(),
                cluster.binDir(), cluster.binDir()) + extra);
    }

    /**
     * The checks file: post-upgrade validation asks {@code healthUrl}; post-rollback verification
     * waits for the dataos-manager rollout (which the fake kubectl reports complete).
     */
    public void checks(String healthUrl) throws IOException {
        write(CHECKS, """
                checks:
                  - name: manager health
                    type: http
                    layer: coreKernel
                    url: %s
                    expectStatus: 200
                    timeout: 10s
                    when: postUpgrade
                  - name: dataos-manager rollout
                    type: rollout
                    layer: coreKernel
                    resource: statefulset/dataos-manager
                    namespace: dataos-manager
                    timeout: 30s
                    when: postRollback
                """.formatted(healthUrl));
    }

    private void writeCluster() throws IOException {
        String key = TestSecrets.PRIME_API_KEY_VALUE;
        fake.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.5.0"));
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "app.kubernetes.io/part-of=dataos"));
        fake.put("kube/rollout/dataos-manager", "complete\n");
        String rel = "releases/dataos-manager/";
        List<Rev> before = List.of(new Rev(2, "superseded", "1.3.0", "Upgrade complete"),
                new Rev(3, "deployed", "1.4.0", "Upgrade complete"));
        fake.put(rel + "status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 3, "deployed",
                "Upgrade complete", "1.4.0"));
        fake.put(rel + "history.json", HelmFixtures.history(before));
        List<Rev> upgraded = List.of(before.get(0), new Rev(3, "superseded", "1.4.0", "Upgrade complete"),
                new Rev(4, "deployed", "1.5.0", "Upgrade complete"));
        fake.put(rel + "after-upgrade/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 4,
                "deployed", "Upgrade complete", "1.5.0"));
        fake.put(rel + "after-upgrade/history.json", HelmFixtures.history(upgraded));
        List<Rev> rolledBack = new ArrayList<>(upgraded.subList(0, 2));
        rolledBack.add(new Rev(4, "superseded", "1.5.0", "Upgrade complete"));
        rolledBack.add(new Rev(5, "deployed", "1.4.0", "Rollback to 3"));
        fake.put(rel + "after-rollback/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 5,
                "deployed", "Rollback to 3", "1.4.0"));
        fake.put(rel + "after-rollback/history.json", HelmFixtures.history(rolledBack));
        for (int revision : new int[] {3, 4}) {
            fake.put(rel + "values-" + revision + ".yaml", "image:\n  tag: " + (revision == 3 ? OLD_TAG : NEW_TAG)
                    + "\nprimeApiKey: " + key + "\n");
            fake.put(rel + "manifest-" + revision + ".yaml", "---\n# Source: dataos-manager/templates/statefulset.yaml\n"
                    + "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: dataos-manager\n");
        }
    }

    /** The cluster as it is after a successful upgrade to 1.5.0 (revision 4). */
    public void clusterAtRelease15() throws IOException {
        String rel = "releases/dataos-manager/";
        fake.put(rel + "status.json", Files.readString(fake.state().resolve(rel + "after-upgrade/status.json")));
        fake.put(rel + "history.json", Files.readString(fake.state().resolve(rel + "after-upgrade/history.json")));
    }

    SecretProvider secrets() {
        return TestSecrets.provider(TestSecrets.primeApiKey(), postgresPassword);
    }

    RunbookPorts ports(Approvals approvals) {
        return new RunbookPorts(new LocalCommandRunner(), workspace, secrets(), approvals, ProgressEvent.messages(log::add), null);
    }

    static Approvals approved(String... gates) {
        Map<String, String> byGate = new java.util.HashMap<>();
        for (String gate : gates) {
            byGate.put(gate, "alice");
        }
        return new PreApprovedGates(byGate);
    }

    public String read(String relative) throws IOException {
        return Files.readString(workspace.resolve(relative));
    }

    public void write(String relative, String content) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    public List<JournalEvent> journal(String runId) throws Exception {
        return JournalReader.read(workspace, runId).events();
    }

    /** How often each action of the run was started, by action id. */
    public Map<String, Integer> starts(String runId) throws Exception {
        Map<String, Integer> starts = new TreeMap<>();
        for (JournalEvent e : journal(runId)) {
            if (e.typeName().equals("action-started")) {
                starts.merge(e.actionId(), 1, Integer::sum);
            }
        }
        return starts;
    }

    /** The ids of the actions whose last journaled state is succeeded. */
    public List<String> succeeded(String runId) throws Exception {
        return JournalReader.read(workspace, runId).actions().values().stream()
                .filter(a -> a.state() == io.dataos.upgrade.run.ActionState.SUCCEEDED)
                .map(io.dataos.upgrade.run.RunHistory.ActionRecord::id).toList();
    }

    /** SHA-256 of every file under the workspace, by relative path. */
    Map<String, String> checksums() throws Exception {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(workspace.root())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(workspace.root().relativize(file).toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
            }
        }
        return sums;
    }

    /** Every file under {@code root} whose bytes contain {@code secret}. */
    static List<Path> filesContaining(Path root, String secret) throws IOException {
        List<Path> hits = new ArrayList<>();
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains(new String(needle, StandardCharsets.ISO_8859_1))) {
                    hits.add(file);
                }
            }
        }
        return hits;
    }

    String journalPath(String runId) {
        return Journal.pathOf(runId);
    }

    private static final String STAKEHOLDERS = """
            stakeholders:
              dataProductConsumers: [analytics@acme.example]
              operators: [dataos-ops@acme.example]
            """;

    private static final String STACKS_15 = """
                - name: flare
                  version: "6.0"
                  installFile: stacks/flare-6.0.yaml
                - name: scanner
                  version: "2.0"
                  installFile: stacks/scanner-2.0.yaml
                - name: talos
                  version: "1.0"
                  installFile: stacks/talos-1.0.yaml
            """;

    private static String state(String kind, String version, String chartVersion, String tag, String stacks,
            String minerva, String heimdall, String metis, String snapshot) {
        return """
                apiVersion: dataos-upgrade/v1
                kind: %s
                version: %s
                manager:
                  chart: dataos/dataos-manager
                  chartVersion: %s
                  imageTag: %s
                  namespace: dataos-manager
                  releaseName: dataos-manager
                userSpace:
                  stacks:
                %s  clusters:
                    - name: minervaa
                      image: %s
                coreKernel:
                  - name: heimdall
                    version: %s
                    owner: heimdall-team@acme.example
                    dependsOn: []
                  - name: metis
                    version: %s
                    owner: metis-team@acme.example
                    dependsOn: [heimdall]
                cloudKernel:
                  kubernetes:
                    version: "1.28"
                  postgres:
                    version: "15.4"
                    snapshot: %s
                """.formatted(kind, version, chartVersion, tag, stacks, minerva, heimdall, metis, snapshot);
    }
}
