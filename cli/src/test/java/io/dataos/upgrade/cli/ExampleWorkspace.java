package io.dataos.upgrade.cli;

import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.HelmFixtures.Rev;
import io.dataos.upgrade.testing.TestSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A workspace for the runbook commands: the example manifests (1.4 installed, 1.5 released, no
 * maintenance window so tests do not depend on the day), the manager's values, a rollout check,
 * settings pointing at the faithful fake helm and kubectl, and an owner-only Prime key file.
 *
 * @param ws the workspace
 * @param fake the fake helm and kubectl with the dataos-manager release at revision 3 (1.4.0)
 * @param keyFile the Prime API key file (0600)
 */
record ExampleWorkspace(Path ws, FakeClis fake, Path keyFile) {

    static ExampleWorkspace create(Path dir) throws IOException {
        Path ws = Files.createDirectories(dir.resolve("ws"));
        FakeClis fake = FakeClis.install(dir.resolve("bin"));
        Path examples = Path.of("..", "examples");
        // the examples' weekly window would make these tests depend on the day they run
        Files.writeString(ws.resolve("installed.yaml"), Files.readString(examples.resolve("installed-1.4.yaml"))
                .replace("maintenanceWindow: SAT 02:00-06:00 UTC", ""));
        Files.copy(examples.resolve("release-1.5.yaml"), ws.resolve("release.yaml"));
        Files.copy(examples.resolve("installed-1.5.yaml"), ws.resolve("installed-1.5.yaml"));
        Files.copy(examples.resolve("release-1.4.yaml"), ws.resolve("release-1.4.yaml"));
        Files.writeString(ws.resolve("values.yaml"), Files.readString(examples.resolve("dataos-manager-values.yaml"))
                .replace("tag: 1.5.0-e4f5a6b", "tag: 1.4.0-d1a2b3c"));
        Files.writeString(ws.resolve("checks.yaml"), """
                checks:
                  - name: dataos-manager rollout
                    type: rollout
                    resource: statefulset/dataos-manager
                    namespace: dataos-manager
                """);
        Files.writeString(ws.resolve("dataos-upgrade.yaml"), settings(fake.helm(), fake.kubectl()));
        fake.put("charts/dataos_dataos-manager.yaml", HelmFixtures.chart("1.5.0"));
        fake.put("kube/namespaces/dataos-manager.json", HelmFixtures.namespace("dataos-manager",
                "app.kubernetes.io/part-of=dataos"));
        fake.put("kube/rollout/dataos-manager", "complete\n");
        String rel = "releases/dataos-manager/";
        fake.put(rel + "status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 3, "deployed",
                "Upgrade complete", "1.4.0"));
        fake.put(rel + "history.json", HelmFixtures.history(List.of(new Rev(3, "deployed", "1.4.0", "Install"))));
        fake.put(rel + "values-3.yaml", "image:\n  tag: 1.4.0-d1a2b3c\n");
        fake.put(rel + "manifest-3.yaml", "---\napiVersion: apps/v1\nkind: StatefulSet\n");
        fake.put(rel + "after-upgrade/status.json", HelmFixtures.status("dataos-manager", "dataos-manager", 4,
                "deployed", "Upgrade complete", "1.5.0"));
        Path keyFile = dir.resolve("prime.key");
        Files.writeString(keyFile, TestSecrets.PRIME_API_KEY_VALUE + "\n");
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        return new ExampleWorkspace(ws, fake, keyFile);
    }

    /** The settings file with {@code helm} as the helm executable (a test may put a slower one in front). */
    String settings(String helm) {
        return settings(helm, fake.kubectl());
    }

    private static String settings(String helm, String kubectl) {
        return """
                instance: dataos.example.com
                checks: checks.yaml
                helm:
                  executable: %s
                  kubectl: %s
                commands:
                  removeStack: [echo, remove, "{installFile}"]
                  reinstallStack: [echo, reinstall, "{installFile}"]
                  revertClusterImage: [echo, revert, "{component}", "{image}"]
                  rollbackComponent: [echo, rollback, "{component}", "{from}", "{to}"]
                  removeComponent: [echo, remove, "{component}"]
                  restorePostgresSnapshot: [echo, restore, "{snapshot}", "{database}"]
                delegates:
                  dataos-ops@example.com: [alice, carol]
                  heimdall-team@example.com: [alice, carol]
                  metis-team@example.com: [alice, carol]
                  poros-team@example.com: [alice, carol]
                  gateway-team@example.com: [alice, carol]
                  platform-team@example.com: [alice, carol]
                  lens-team@example.com: [alice, carol]
                """.formatted(helm, kubectl);
    }
}
