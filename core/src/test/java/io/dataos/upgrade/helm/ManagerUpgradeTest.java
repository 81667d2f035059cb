package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.testing.FakeClis;
import io.dataos.upgrade.testing.HelmFixtures;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.values.ManagerValuesFileTest;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagerUpgradeTest {

    @TempDir
    Path dir;
    FakeClis fake;
    LocalWorkspace workspace;
    final List<String> log = new ArrayList<>();
    ManagerUpgrade upgrade;

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(dir.resolve("bin"));
        workspace = new LocalWorkspace(dir.resolve("ws"));
        workspace.write("config/dataos-manager-values.yaml", ManagerValuesFileTest.runbookSample());
        HelmClient helm = new HelmClient(new LocalCommandRunner(), fake.helm(), null, log::add);
        upgrade = new ManagerUpgrade(helm, workspace, TestSecrets.provider(TestSecrets.primeApiKey()));
        fake.put("releases/dataos-manager/after-upgrade/status.json", HelmFixtures.status("dataos-manager",
                "dataos-manager", 8, "deployed", "Upgrade complete", "1.12.0"));
    }

    @Test
    void upgradePassesTheKeyInAnOwnerOnlyOverlayAndDeletesIt() throws Exception {
        HelmRelease release = upgrade.upgrade(HelmTarget.DATAOS_MANAGER, "config/dataos-manager-values.yaml",
                ".dataos-upgrade/runs/r1", Duration.ofMinutes(5));

        assertThat(release.revision()).isEqualTo(8);
        assertThat(Files.readString(fake.state().resolve("overlay-mode")).strip()).isEqualTo("600");
        String overlay = workspace.absolute(".dataos-upgrade/runs/r1/" + ManagerUpgrade.OVERLAY_NAME);
        assertThat(fake.calls("helm", "upgrade").get(0)).containsSequence("-f",
                workspace.absolute("config/dataos-manager-values.yaml"), "-f", overlay);
        assertThat(Path.of(overlay)).doesNotExist();
        assertThat(String.join("\n", log)).contains("has been upgraded").doesNotContain(TestSecrets.PRIME_API_KEY_VALUE);
    }

    @Test
    void failingHelmLeavesNoOverlayAndNeverShowsTheKey() throws Exception {
        fake.put("upgrade-error", "Prime rejected the API key");

        assertThatThrownBy(() -> upgrade.upgrade(HelmTarget.DATAOS_MANAGER, "config/dataos-manager-values.yaml",
                ".dataos-upgrade/runs/r1", Duration.ofMinutes(5)))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("UPGRADE FAILED")
                .hasMessageContaining("Prime rejected the API key ****")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TestSecrets.PRIME_API_KEY_VALUE))
                .satisfies(e -> assertThat(((CommandFailedException) e).output())
                        .doesNotContain(TestSecrets.PRIME_API_KEY_VALUE));
        assertThat(workspace.resolve(".dataos-upgrade/runs/r1/" + ManagerUpgrade.OVERLAY_NAME)).doesNotExist();
        assertThat(String.join("\n", log)).contains("UPGRADE FAILED").doesNotContain(TestSecrets.PRIME_API_KEY_VALUE);
    }

    @Test
    void missingKeyStopsBeforeHelmRuns() {
        ManagerUpgrade withoutKey = new ManagerUpgrade(new HelmClient(new LocalCommandRunner(), fake.helm(), null,
                null), workspace, TestSecrets.provider());

        assertThatThrownBy(() -> withoutKey.upgrade(HelmTarget.DATAOS_MANAGER, "config/dataos-manager-values.yaml",
                "run", Duration.ofMinutes(5))).isInstanceOf(MissingSecretException.class)
                .hasMessageContaining("prime-api-key");
        assertThat(dir.resolve("bin/argv.log")).doesNotExist();
    }

    @Test
    void updateTagRewritesOnlyTheTagAndReturnsThePreviousOne() throws Exception {
        byte[] before = workspace.read("config/dataos-manager-values.yaml");

        String previous = upgrade.updateTag("config/dataos-manager-values.yaml", "1.12.0");

        byte[] after = workspace.read("config/dataos-manager-values.yaml");
        assertThat(previous).isEqualTo("1.11.4");
        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo(new String(before, StandardCharsets.UTF_8)
                .replace("tag: 1.11.4 #", "tag: 1.12.0 #"));
    }

    @Test
    void overlayIsValidYamlWhateverTheKeyHolds() throws Exception {
        byte[] content = ManagerUpgrade.overlayContent(io.dataos.upgrade.secret.Secret.of("prime-api-key",
                "a\"b: #c\\d"));

        assertThat(new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(content).path("primeApiKey").asText())
                .isEqualTo("a\"b: #c\\d");
    }
}
