package io.jenkins.plugins.dataos;

import com.sun.net.httpserver.HttpServer;
import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DataOS platform for the upgrade and rollback steps, made of real parts where they run here: the example
 * manifests and values file in a workspace, a runbook settings file, the project's test doubles of helm and kubectl
 * (core's FakeClis: Helm 3 and kubectl argv and JSON), a real PostgreSQL for the backup kit's dump and restore
 * check, a loopback HTTP health endpoint that wants a bearer token the checks file names, and a stand-in for the
 * site's own scripts that records what it was asked to do.
 */
final class RunbookFixture implements AutoCloseable {

    static final String KEY = "prime-8a1f5c0e3d92";
    /** The bearer token of the health endpoint, a secret the checks file names ({@code grafana-token}). */
    static final String TOKEN = "grafana-51c7e0a9b3d4";
    static final String RELEASE = "dataos-manager";

    final Path workspace;
    final Path bin;
    final FakeClis clis;
    final HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int health = 200;

    RunbookFixture(Path workspace, Path bin, LocalPostgresCluster postgres) throws IOException {
        this.workspace = workspace;
        this.bin = bin;
        this.clis = FakeClis.install(bin);
        Path siteStep = bin.resolve("site-step");
        // the site's own scripts (dataos-ctl, kubectl set image, ...): here they only record their argv
        Files.writeString(siteStep, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/site-steps.log\"\n");
        Files.setPosixFilePermissions(siteStep, PosixFilePermissions.fromString("rwxr-xr-x"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/heimdall/health", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(auth));
            int status = ("Bearer " + TOKEN).equals(auth) ? health : 401;
            byte[] body = (status == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();

        Steps.example("installed-1.4.yaml", workspace, "state/installed.yaml");
        Steps.example("release-1.5.yaml", workspace, "releases/dataos-1.5.0.yaml");
        Steps.example("installed-1.5.yaml", workspace, "state/installed-1.5.yaml");
        Steps.example("release-1.4.yaml", workspace, "releases/dataos-1.4.0.yaml");
        Path values = Steps.example("dataos-manager-values.yaml", workspace, "values/dataos-manager.yaml");
        Files.writeString(values, Files.readString(values).replace("tag: 1.5.0-e4f5a6b", "tag: 1.4.0-d1a2b3c"));
        write("checks/post-upgrade.yaml", "checks:\n  - name: heimdall health\n    type: http\n    layer: coreKernel\n"
                + "    url: http://127.0.0.1:" + server.getAddress().getPort() + "/heimdall/health\n"
                + "    tokenSecret: grafana-token\n");
        PostgresConnection db = postgres.connection("postgres");
        String site = "[" + siteStep + ", %s, \"{component}\", \"{namespace}\"]";
        write("dataos-upgrade.yaml", "apiVersion: dataos-upgrade/v1\nkind: RunbookSettings\n"
                + "instance: dataos.acme.example\nchecks: checks/post-upgrade.yaml\n"
                + "helm:\n  executable: " + clis.helm() + "\n  kubectl: " + clis.kubectl() + "\n"
                + "postgres:\n  host: " + db.host() + "\n  port: " + db.port() + "\n  database: " + db.database()
                + "\n  user: " + db.user() + "\n  binDir: " + postgres.binDir() + "\n"
                + "commands:\n"
                + "  removeStack: " + String.format(site, "remove-stack") + "\n"
                + "  reinstallStack: " + String.format(site, "reinstall-stack") + "\n"
                + "  revertClusterImage: " + String.format(site, "revert-cluster-image") + "\n"
                + "  rollbackComponent: " + String.format(site, "rollback-component") + "\n"
                + "  removeComponent: " + String.format(site, "remove-component") + "\n"
                + "  newCluster: " + String.format(site, "new-cluster") + "\n"
                + "  restorePostgresSnapshot: " + String.format(site, "restore-postgres-snapshot") + "\n"
                + "delegates:\n"
                + "  dataos-ops@example.com: [ops-lead]\n");

        clis.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.5.0"));
        clis.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace(RELEASE, "app.kubernetes.io/part-of=dataos"));
    }

    /** dataos-manager runs chart 1.4.0 (revision 6); {@code helm upgrade} takes it to 1.5.0 (revision 7). */
    RunbookFixture runningRelease14() throws IOException {
        revision(6, "1.4.0", "");
        clis.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new HelmFixtures.Rev(5, "superseded", "1.3.0", "Upgrade complete"),
                new HelmFixtures.Rev(6, "deployed", "1.4.0", "Upgrade complete"))));
        revision(7, "1.5.0", "after-upgrade/");
        clis.put("releases/dataos-manager/after-upgrade/history.json", HelmFixtures.history(List.of(
                new HelmFixtures.Rev(6, "superseded", "1.4.0", "Upgrade complete"),
                new HelmFixtures.Rev(7, "deployed", "1.5.0", "Upgrade complete"))));
        return this;
    }

    /** dataos-manager runs chart 1.5.0 (revision 7), as after the upgrade. */
    RunbookFixture runningRelease15() throws IOException {
        revision(7, "1.5.0", "");
        clis.put("releases/dataos-manager/history.json", HelmFixtures.history(List.of(
                new HelmFixtures.Rev(6, "superseded", "1.4.0", "Upgrade complete"),
                new HelmFixtures.Rev(7, "deployed", "1.5.0", "Upgrade complete"))));
        return this;
    }

    private void revision(int revision, String chartVersion, String under) throws IOException {
        String dir = "releases/dataos-manager/" + under;
        clis.put(dir + "status.json", HelmFixtures.status(RELEASE, RELEASE, revision, "deployed", "Upgrade complete",
                chartVersion));
        // what "helm get" answers for every revision, wherever the release stands
        clis.put("releases/dataos-manager/values-" + revision + ".yaml", "image:\n  tag: " + chartVersion + "\n");
        clis.put("releases/dataos-manager/manifest-" + revision + ".yaml", "---\n# Source: dataos-manager/templates/"
                + "statefulset.yaml\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: dataos-manager\n");
    }

    void write(String relative, String content) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    String read(String relative) throws IOException {
        return Files.readString(workspace.resolve(relative));
    }

    /** What the site-script stand-in was asked to do, one call a line. */
    List<String> siteSteps() throws IOException {
        Path log = bin.resolve("site-steps.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
