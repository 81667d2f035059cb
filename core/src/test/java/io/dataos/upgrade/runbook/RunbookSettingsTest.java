package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.SettingsOverrides;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookSettingsTest {

    @TempDir
    Path dir;

    private static RunbookSettings parse(String yaml) {
        return RunbookSettings.parse("dataos-upgrade.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void exampleSettingsFileHasEveryFieldAndParses() throws Exception {
        byte[] example = Files.readAllBytes(Path.of("..", "examples", "dataos-upgrade.yaml"));

        RunbookSettings s = RunbookSettings.parse("examples/dataos-upgrade.yaml", example);

        assertThat(s.instance()).isEqualTo("dataos.acme.example");
        assertThat(s.parallelism()).isEqualTo(3);
        assertThat(s.maintenanceWindow()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(s.helm().timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.helm().kube().helmFlags()).containsExactly("--kubeconfig", "/var/lib/jenkins/.kube/dataos-prod",
                "--kube-context", "prod-eu-1");
        assertThat(s.postgres().connection().describe()).isEqualTo("dataos_backup@10.20.0.5:5432/dataos");
        assertThat(s.notices().channels().of(Audience.OPERATORS).emails())
                .containsExactly("dataos-ops@acme.example");
        assertThat(s.stakeholders().otherTeams()).containsExactly("#ops-oncall");
        assertThat(s.commands().keySet()).containsExactlyInAnyOrder(ActionKind.REMOVE_STACK,
                ActionKind.REINSTALL_STACK, ActionKind.REVERT_CLUSTER_IMAGE, ActionKind.ROLLBACK_COMPONENT,
                ActionKind.REMOVE_COMPONENT, ActionKind.NEW_CLUSTER, ActionKind.RESTORE_POSTGRES);
        assertThat(s.command(ActionKind.REINSTALL_STACK).doneCheck()).isNotEmpty();
        assertThat(s.command(ActionKind.RESTORE_POSTGRES).run()).contains("{snapshot}");
        assertThat(s.command(ActionKind.REINSTALL_STACK).timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.withheldVariables()).containsExactly("VAULT_TOKEN");
    }

    @Test
    void everyYamlExampleInTheSettingsDocParses() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "settings.md"));
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        int examples = 0;
        while (m.find()) {
            parse(m.group(1));
            examples++;
        }
        assertThat(examples).isGreaterThanOrEqualTo(2);
    }

    @Test
    void childEnvironmentWithholdNamesMoreVariablesAndRefusesWhatIsNotAName() {
        assertThat(parse("childEnvironment:\n  withhold: [VAULT_TOKEN, ci_job_token]\n").withheldVariables())
                .containsExactly("VAULT_TOKEN", "ci_job_token");
        assertThat(parse("instance: x\n").withheldVariables()).isEmpty();
        assertThatThrownBy(() -> parse("childEnvironment:\n  withhold: [\"A=B\"]\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("childEnvironment.withhold[0]").hasMessageContaining("not an environment variable");
    }

    @Test
    void noSettingsFileMeansTheDefaults() throws Exception {
        RunbookSettings s = RunbookSettings.load(new LocalWorkspace(dir), null);

        assertThat(s.stateDir()).isEqualTo("dataos-upgrade");
        assertThat(s.parallelism()).isEqualTo(3);
        assertThat(s.postgres()).isNull();
        assertThat(s.commands()).isEmpty();
        assertThat(s.helm().executable()).isEqualTo("helm");
    }

    @Test
    void aNamedSettingsFileThatDoesNotExistIsRefused() {
        assertThatThrownBy(() -> RunbookSettings.load(new LocalWorkspace(dir), "ops/missing.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("ops/missing.yaml: (file): the settings file does not exist");
    }

    @Test
    void unknownFieldIsRefusedNamingItAndTheKnownOnes() {
        assertThatThrownBy(() -> parse("helm:\n  relase: dataos-manager\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: helm.relase: is not a known field here: did you mean"
                        + " 'release'? use chart, executable,");
    }

    @Test
    void anOversizedSettingsFileIsRefusedWithoutReadingItWhole() throws Exception {
        try (java.io.RandomAccessFile big = new java.io.RandomAccessFile(dir.resolve("big.yaml").toFile(), "rw")) {
            big.setLength(1L << 30); // sparse: 1 GiB that is never read whole
        }

        assertThatThrownBy(() -> RunbookSettings.load(new LocalWorkspace(dir), "big.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("big.yaml: (file): is larger than 16 MiB: a settings file is far smaller; check that this"
                        + " is the right file");
    }

    @Test
    void aliasesInTheSettingsAreRefused() {
        // Jackson's YAML reader would give helm.namespace the alias's name, "ns", not its value
        assertThatThrownBy(() -> parse("helm:\n  release: &ns dataos-manager\n  namespace: *ns\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dataos-upgrade.yaml: helm.namespace: uses a YAML anchor or alias (line 3): write the value"
                        + " out in full");
    }

    @Test
    void aDatabasePasswordInTheFileIsRefused() {
        assertThatThrownBy(() -> parse("postgres:\n  host: db\n  database: dataos\n  user: u\n  password: hunter2\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: postgres.password: is not read from this file")
                .hasMessageContaining("postgres-password")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anIncompleteDatabaseIsRefusedNamingTheMissingField() {
        assertThatThrownBy(() -> parse("postgres:\n  host: db\n  user: u\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: postgres.database: is missing");
    }

    @Test
    void aBadDatabaseNameIsRefusedUnderThePostgresField() {
        assertThatThrownBy(() -> parse("postgres:\n  host: db\n  database: \"data-os\"\n  user: u\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: postgres.database: 'data-os' is not a plain");
    }

    @Test
    void anUnknownPlaceholderIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> parse("commands:\n  reinstallStack: [apply, \"{install_file}\"]\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: commands.reinstallStack[1]: '{install_file}' is not a"
                        + " placeholder")
                .hasMessageContaining("{installFile}");
    }

    @Test
    void aTemplateMustNameAProgram() {
        assertThatThrownBy(() -> parse("commands:\n  removeStack: [\"{installFile}\"]\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: commands.removeStack[0]: must name the program");
        assertThatThrownBy(() -> parse("commands:\n  removeStack: \"rm -rf {installFile}\"\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("commands.removeStack: is not an argv list");
    }

    @Test
    void aKindThatTakesNoTemplateIsRefused() {
        assertThatThrownBy(() -> parse("commands:\n  helmRollback: [helm, rollback]\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: commands.helmRollback: is not a known field here");
    }

    @Test
    void parallelismOutOfRangeIsRefused() {
        assertThatThrownBy(() -> parse("parallelism: 0\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: parallelism: '0' is not a number from 1 to 64");
    }

    @Test
    void aStateDirOutsideTheWorkspaceIsRefused() {
        assertThatThrownBy(() -> parse("stateDir: ../elsewhere\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: stateDir: '../elsewhere' is not a path inside");
    }

    @Test
    void aBadMaintenanceWindowIsRefused() {
        assertThatThrownBy(() -> parse("maintenanceWindow: saturday night\n")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: maintenanceWindow:");
    }

    @Test
    void badNoticeChannelsAreRefusedNamingTheSection() {
        assertThatThrownBy(() -> parse("notices:\n  channels:\n    audiences:\n      everyone: {}\n"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("notices.channels")
                .hasMessageContaining("audiences.everyone");
    }

    @Test
    void placeholdersAreSubstitutedInsideEachArgvElementAlone() {
        List<String> argv = RunbookSettings.CommandTemplate.substitute(
                List.of("apply", "--file={installFile}", "{component}; rm -rf /"),
                Map.of("installFile", "stacks/flare 5.yaml", "component", "flare"));

        assertThat(argv).containsExactly("apply", "--file=stacks/flare 5.yaml", "flare; rm -rf /");
    }

    @Test
    void theSettingsMustAgreeWithThePlansRelease() {
        RunbookSettings s = parse("helm:\n  release: dataos-mgr\n  chart: oci://registry.acme.example/dataos-manager\n");

        assertThatThrownBy(() -> s.helmTarget("dataos-manager", "dataos-manager", "dataos/dataos-manager", "1.5.0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("dataos-upgrade.yaml: helm.release: is 'dataos-mgr' but the plan's");
        HelmTarget target = parse("helm:\n  chart: oci://registry.acme.example/dataos-manager\n")
                .helmTarget("dataos-manager", "dataos-manager", "dataos/dataos-manager", "1.5.0");
        assertThat(target).isEqualTo(new HelmTarget("dataos-manager", "dataos-manager",
                "oci://registry.acme.example/dataos-manager", "1.5.0"));
    }

    @Test
    void overridesFromTheCallerTakePrecedence() {
        RunbookSettings s = parse("stateDir: state\nhelm:\n  timeout: 10m\n").with(
                new SettingsOverrides(null, "dataos-mgmt", "dataos/dataos-manager", 45, "ci-state", 1));

        assertThat(s.stateDir()).isEqualTo("ci-state");
        assertThat(s.helm().namespace()).isEqualTo("dataos-mgmt");
        assertThat(s.helm().timeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(s.parallelism()).isEqualTo(1);
        assertThatThrownBy(() -> s.with(new SettingsOverrides("Bad_Name", null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("helmRelease");
    }
}
