package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestsTest {

    private static final String RELEASE = """
            apiVersion: dataos-upgrade/v1
            kind: Release
            version: 1.5.0
            manager:
              chartVersion: 1.5.0
              imageTag: 1.5.0-e4f5a6b
            userSpace:
              stacks:
                - name: flare
                  version: 6.0
                  installFile: environments/prod/flare-6.0.yaml
              clusters:
                - name: minervaa
                  image: docker.io/rubiklabs/minerva:0.5.0
            coreKernel:
              - name: heimdall
                version: 1.12.1
                owner: heimdall-team@example.com
              - name: metis
                version: 3.0.0
                owner: metis-team@example.com
                dependsOn: [heimdall]
              - name: poros
                version: 1.10
                owner: poros-team@example.com
                dependsOn: [metis, heimdall]
            cloudKernel:
              kubernetes:
                version: 1.29
              iac:
                version: 3.2.0
                rollbackCommand: [terraform, apply, -auto-approve]
              postgres:
                version: 15.4
                snapshot: dataos-pg-1.5.0
            compatibility:
              kubernetes: ">=1.28 <1.31"
            downtime: PT45M
            """;

    @Test
    void theBundledExamplesAreReadWithEveryLayer() throws Exception {
        PlatformState installed = Manifests.readPlatformState(Fixtures.example("installed-1.4.yaml"));
        Release release = Manifests.readRelease(Fixtures.example("release-1.5.yaml"));
        PlatformState after = Manifests.readPlatformState(Fixtures.example("installed-1.5.yaml"));
        Release target = Manifests.readRelease(Fixtures.example("release-1.4.yaml"));

        assertThat(installed.version()).hasToString("1.4.0");
        assertThat(installed.userSpace().stacks()).extracting(Stack::name)
                .containsExactly("flare", "scanner", "soda+python", "benthos");
        assertThat(installed.stakeholders().operators()).containsExactly("dataos-ops@example.com");
        assertThat(installed.maintenanceWindow().spec()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(release.coreKernel()).extracting(CoreComponent::name)
                .contains("poros", "metis", "heimdall", "gateway");
        assertThat(release.coreComponent("poros").orElseThrow().dependsOn()).containsExactly("metis", "heimdall");
        assertThat(release.downtime()).isEqualTo(Duration.ofMinutes(45));
        assertThat(release.notes().breaking()).hasSize(1);
        assertThat(after.version()).hasToString("1.5.0");
        assertThat(target.cloudKernel().postgres().snapshot()).isEqualTo("dataos-pg-1.4.0-20261120");
        assertThat(target.cloudKernel().iac().rollbackCommand()).startsWith("terraform");
    }

    @Test
    void defaultsOfTheRunbookFillTheManagerRelease() {
        Release release = read(RELEASE);

        assertThat(release.manager().chart()).isEqualTo("dataos/dataos-manager");
        assertThat(release.manager().namespace()).isEqualTo("dataos-manager");
        assertThat(release.manager().releaseName()).isEqualTo("dataos-manager");
    }

    @Test
    void unquotedVersionsKeepTheirDigits() {
        Release release = read(RELEASE);

        assertThat(release.coreComponent("poros").orElseThrow().version()).hasToString("1.10");
        assertThat(release.coreComponent("poros").orElseThrow().version().minor()).isEqualTo(10);
        assertThat(release.userSpace().stacks().get(0).version()).hasToString("6.0");
    }

    @Test
    void unknownFieldsAreRefusedWithTheNearestKnownName() {
        refused(RELEASE.replace("    owner: metis-team", "    ownr: metis-team"))
                .hasMessageStartingWith("release.yaml: coreKernel[1].ownr: is not a known field")
                .hasMessageContaining("did you mean 'owner'");
        refused(RELEASE + "extra: true\n").hasMessageContaining(": extra: is not a known field");
    }

    @Test
    void missingFieldsAreNamedWithTheirPath() {
        refused(RELEASE.replace("    owner: poros-team@example.com\n", ""))
                .hasMessageStartingWith("release.yaml: coreKernel[2].owner: is missing");
        refused(RELEASE.replace("version: 1.5.0\n", "")).hasMessageStartingWith("release.yaml: version: is missing");
        refused(RELEASE.replace("  postgres:\n    version: 15.4\n    snapshot: dataos-pg-1.5.0\n", ""))
                .hasMessageStartingWith("release.yaml: cloudKernel.postgres: is missing");
    }

    @Test
    void duplicateComponentNamesAreRefused() {
        refused(RELEASE.replace("  - name: poros", "  - name: metis"))
                .hasMessageStartingWith("release.yaml: coreKernel[2].name: 'metis' duplicates coreKernel[1].name");
        refused(RELEASE.replace("    - name: minervaa\n      image: docker.io/rubiklabs/minerva:0.5.0\n",
                "    - name: minervaa\n      image: docker.io/rubiklabs/minerva:0.5.0\n"
                        + "    - name: minervaa\n      image: docker.io/rubiklabs/minerva:0.5.1\n"))
                .hasMessageContaining("userSpace.clusters[1].name: 'minervaa' duplicates");
    }

    @Test
    void twoVersionsOfAStackRunSideBySideButTheSameVersionTwiceIsRefused() {
        String flare5 = "    - name: flare\n      version: 5.0\n      installFile: environments/prod/flare-5.0.yaml\n";
        Release sideBySide = read(RELEASE.replace("  clusters:\n", flare5 + "  clusters:\n"));
        assertThat(sideBySide.userSpace().stacks()).extracting(Stack::identity).containsExactly("flare 6.0", "flare 5.0");

        refused(RELEASE.replace("  clusters:\n", flare5.replace("5.0", "6.0") + "  clusters:\n"))
                .hasMessageStartingWith("release.yaml: userSpace.stacks[1].version: 'flare 6.0' duplicates"
                        + " userSpace.stacks[0]")
                .hasMessageContaining("remove one");
    }

    @Test
    void aCoreComponentMayNameItsOwnNamespace() {
        Release release = read(RELEASE.replace("    owner: poros-team@example.com\n",
                "    owner: poros-team@example.com\n    namespace: poros-system\n"));
        assertThat(release.coreComponent("poros").orElseThrow().namespace()).isEqualTo("poros-system");
        assertThat(release.coreComponent("metis").orElseThrow().namespace()).isNull();

        refused(RELEASE.replace("    owner: poros-team@example.com\n",
                "    owner: poros-team@example.com\n    namespace: Poros_System\n"))
                .hasMessageStartingWith("release.yaml: coreKernel[2].namespace: 'Poros_System' is not valid: write a"
                        + " Kubernetes namespace");
    }

    @Test
    void aStackAndAComponentMayNotShareAName() {
        refused(RELEASE.replace("    - name: flare", "    - name: metis"))
                .hasMessageContaining("coreKernel[1].name: 'metis' is also userSpace.stacks[0].name");
    }

    @Test
    void dependsOnMustNameAComponentOfTheManifest() {
        refused(RELEASE.replace("dependsOn: [heimdall]", "dependsOn: [heimdal]"))
                .hasMessageStartingWith("release.yaml: coreKernel[1].dependsOn[0]: names 'heimdal', which is not a"
                        + " coreKernel component");
    }

    @Test
    void dependencyCyclesAreRefusedAndSpelledOut() {
        refused(RELEASE.replace("    owner: heimdall-team@example.com\n",
                "    owner: heimdall-team@example.com\n    dependsOn: [poros]\n"))
                .hasMessageContaining("closes the dependency cycle")
                .hasMessageContaining("heimdall -> poros -> metis -> heimdall");
        refused(RELEASE.replace("dependsOn: [heimdall]", "dependsOn: [metis]"))
                .hasMessageContaining("coreKernel[1].dependsOn[0]: makes 'metis' depend on itself");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "environments/prod/flare-6.0.yaml|../../etc/passwd.yaml|path traversal",
        "environments/prod/flare-6.0.yaml|environments/../../secrets.yaml|path traversal",
        "environments/prod/flare-6.0.yaml|/etc/dataos/flare.yaml|is absolute",
        "environments/prod/flare-6.0.yaml|~/flare.yaml|is absolute",
        "environments/prod/flare-6.0.yaml|environments/prod/flare 6.0.yaml|not a plain relative path",
        "environments/prod/flare-6.0.yaml|environments\\\\prod\\\\flare.yaml|not a plain relative path"})
    void installFilesMustStayInsideTheWorkspace(String good, String bad, String problem) {
        refused(RELEASE.replace(good, "'" + bad + "'"))
                .hasMessageStartingWith("release.yaml: userSpace.stacks[0].installFile: ")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "- name: flare|- name: 'flare;rm -rf /'|userSpace.stacks[0].name",
        "- name: metis|- name: '$(metis)'|coreKernel[1].name",
        "version: 3.0.0|version: '3.0.0`id`'|coreKernel[1].version",
        "version: 1.29|version: '1.29 && true'|cloudKernel.kubernetes.version",
        "imageTag: 1.5.0-e4f5a6b|imageTag: '1.5.0&&sh'|manager.imageTag",
        "image: docker.io/rubiklabs/minerva:0.5.0|image: 'docker.io/rubiklabs/minerva:0.5.0;reboot'|userSpace.clusters[0].image",
        "owner: metis-team@example.com|owner: 'metis-team>/tmp/x'|coreKernel[1].owner",
        "snapshot: dataos-pg-1.5.0|snapshot: 'pg$(id)'|cloudKernel.postgres.snapshot",
        "dependsOn: [heimdall]|dependsOn: ['heimdall;x']|coreKernel[1].dependsOn[0]"})
    void shellMetacharactersAreRefusedInNamesVersionsAndImages(String good, String bad, String field) {
        refused(RELEASE.replace(good, bad)).hasMessageStartingWith("release.yaml: " + field + ": ");
    }

    @Test
    void theKindMustMatchWhatTheCommandExpects() {
        assertThatThrownBy(() -> Manifests.readPlatformState(RELEASE.getBytes(StandardCharsets.UTF_8), "state.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("state.yaml: kind: is 'Release' but PlatformState is expected: pass the"
                        + " installed platform state (kind: PlatformState) here");
        refused(RELEASE.replace("apiVersion: dataos-upgrade/v1", "apiVersion: dataos-upgrade/v9"))
                .hasMessageContaining("apiVersion: is 'dataos-upgrade/v9': this tool reads 'dataos-upgrade/v1'");
    }

    @Test
    void duplicateKeysAliasesAndSeveralDocumentsAreRefused() {
        refused(RELEASE + "version: 1.6.0\n").hasMessageContaining("version: is given twice");
        refused(RELEASE.replace("version: 3.0.0", "version: &v 3.0.0").replace("version: 1.10", "version: *v"))
                .hasMessageContaining("anchor or alias");
        refused(RELEASE + "---\nkind: Release\n").hasMessageContaining("more than one YAML document");
    }

    @Test
    void syntaxErrorsAndEmptyFilesAreNamedByLine() {
        refused("apiVersion: dataos-upgrade/v1\nkind: Release\n  bad: [\n").hasMessageContaining("line 3")
                .hasMessageContaining("is not valid YAML");
        refused("").hasMessageContaining("(file): is empty");
        refused("- just\n- a list\n").hasMessageContaining("is not a YAML mapping");
    }

    @Test
    void theRollbackCommandIsAnArgvListWithoutAShell() {
        refused(RELEASE.replace("rollbackCommand: [terraform, apply, -auto-approve]",
                "rollbackCommand: terraform apply -auto-approve"))
                .hasMessageContaining("cloudKernel.iac.rollbackCommand: is not a list")
                .hasMessageContaining("argv list");
        refused(RELEASE.replace("rollbackCommand: [terraform, apply, -auto-approve]",
                "rollbackCommand: [/bin/sh, -c, terraform apply]"))
                .hasMessageContaining("cloudKernel.iac.rollbackCommand[0]: runs 'sh'");
        refused(RELEASE.replace("rollbackCommand: [terraform, apply, -auto-approve]",
                "rollbackCommand: ['terraform apply', -auto-approve]"))
                .hasMessageContaining("cloudKernel.iac.rollbackCommand[0]: 'terraform apply' is not a program name");
    }

    @Test
    void compatibilityDowntimeAndNotesAreChecked() {
        refused(RELEASE.replace("\">=1.28 <1.31\"", "\">=1.28; echo\"")).hasMessageContaining(
                "compatibility.kubernetes: '>=1.28; echo' is not a version range");
        refused(RELEASE.replace("downtime: PT45M", "downtime: 45 minutes"))
                .hasMessageContaining("downtime: '45 minutes' is not an ISO-8601 duration");
        refused(RELEASE + "notes:\n  url: javascript:alert(1)\n").hasMessageContaining("notes.url:");
        assertThat(read(RELEASE + "notes:\n  highlights:\n    - |\n      Two lines\n      of text\n").notes()
                .highlights()).containsExactly("Two lines\nof text");
    }

    @Test
    void componentsMayNotTakeNamesReservedForCompatibility() {
        refused(RELEASE.replace("- name: heimdall", "- name: kubernetes").replace("[heimdall]", "[kubernetes]")
                .replace("[metis, heimdall]", "[metis, kubernetes]"))
                .hasMessageContaining("coreKernel[0].name: 'kubernetes' is reserved");
    }

    @Test
    void aPlatformStateMayNameStakeholdersAndAWindow() {
        String state = RELEASE.replace("kind: Release", "kind: PlatformState")
                .replace("compatibility:\n  kubernetes: \">=1.28 <1.31\"\ndowntime: PT45M\n", "")
                + "stakeholders:\n  operators: [ops@example.com, \"#dataos-ops\"]\nmaintenanceWindow: SUN 01:00-03:00 UTC\n";
        PlatformState platform = Manifests.readPlatformState(state.getBytes(StandardCharsets.UTF_8), "state.yaml");

        assertThat(platform.stakeholders().operators()).containsExactly("ops@example.com", "#dataos-ops");
        assertThat(platform.stakeholders().dataProductConsumers()).isEmpty();
        assertThat(platform.maintenanceWindow().spec()).isEqualTo("SUN 01:00-03:00 UTC");
        assertThatThrownBy(() -> Manifests.readPlatformState((state + "downtime: PT1H\n").getBytes(
                StandardCharsets.UTF_8), "state.yaml")).hasMessageContaining("downtime: is not a known field");
        assertThatThrownBy(() -> Manifests.readPlatformState(state.replace("ops@example.com", "ops;x")
                .getBytes(StandardCharsets.UTF_8), "state.yaml"))
                .hasMessageContaining("stakeholders.operators[0]: 'ops;x' is not a contact");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> Manifests.readRelease(Path.of("no/such/release.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no/such/release.yaml: (file): does not exist: check the path");
    }

    private static Release read(String yaml) {
        return Manifests.readRelease(yaml.getBytes(StandardCharsets.UTF_8), "release.yaml");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String yaml) {
        return assertThatThrownBy(() -> read(yaml)).isInstanceOf(InvalidInputException.class);
    }
}
