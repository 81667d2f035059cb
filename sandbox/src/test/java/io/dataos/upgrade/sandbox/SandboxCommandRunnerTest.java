package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Engine code written for the helm binary, served in-process: same argv, same output shapes. */
@Timeout(120)
class SandboxCommandRunnerTest {

    private static final String NS = "dataos-manager";
    private static final String REL = "dataos-manager";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Secret KEY = Secret.of("prime-api-key", "pk-runner-5d1e0c7a99");

    @TempDir
    Path dir;

    private SandboxKubernetes k8s;
    private SandboxCommandRunner runner;
    private ExampleChart.Extracted example;
    private Path overlay;
    private final List<String> output = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        k8s = SandboxKubernetes.start(dir.resolve("kube"));
        runner = new SandboxCommandRunner(k8s, SandboxHelm.forSandbox(k8s, line -> { }), new LocalCommandRunner());
        example = ExampleChart.extractTo(dir.resolve("example"));
        overlay = dir.resolve("overlay.yaml");
        Files.writeString(overlay, "primeApiKey: " + KEY.reveal() + "\n");
    }

    @AfterEach
    void stop() {
        k8s.close();
    }

    private CommandResult helm(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/helm"));
        argv.addAll(List.of(args));
        output.clear();
        return runner.run(new Command(argv, Map.of(), null, Duration.ofSeconds(60), List.of(KEY)), output::add);
    }

    private JsonNode json(CommandResult result) throws Exception {
        return JSON.readTree(String.join("\n", output));
    }

    private CommandResult upgrade(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("upgrade", "--install", REL, example.chart().toString(), "-n", NS,
                "-f", example.valuesFile().toString(), "-f", overlay.toString(), "--set", "image.tag=1.4.0", "--wait",
                "--timeout", "60s"));
        args.addAll(List.of(extra));
        return helm(args.toArray(String[]::new));
    }

    @Test
    void readsAnswerLikeTheHelmBinary() throws Exception {
        assertThat(helm("version", "--template", "{{.Version}}").exitCode()).isZero();
        assertThat(output).containsExactly("v3.21.0");

        CommandResult missing = helm("status", REL, "-n", NS, "-o", "json");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(output).containsExactly("Error: release: not found");

        assertThat(upgrade().exitCode()).isZero();
        assertThat(output.get(0)).isEqualTo("Release \"dataos-manager\" has been installed. Happy Helming!");

        helm("status", REL, "-n", NS, "-o", "json");
        JsonNode status = json(null);
        assertThat(status.path("name").asText()).isEqualTo(REL);
        assertThat(status.path("version").asInt()).isEqualTo(1);
        assertThat(status.path("info").path("status").asText()).isEqualTo("deployed");
        assertThat(status.has("chart")).as("helm status leaves the chart out, as the real helm does").isFalse();

        assertThat(helm("get", "metadata", REL, "-n", NS, "-o", "json").exitCode()).isZero();
        JsonNode metadata = json(null);
        assertThat(metadata.path("chart").asText()).isEqualTo("dataos-manager");
        assertThat(metadata.path("version").asText()).isEqualTo("0.1.0");
        assertThat(metadata.path("appVersion").asText()).isEqualTo("1.0.0");
        assertThat(metadata.path("revision").asInt()).isEqualTo(1);

        helm("history", REL, "-n", NS, "-o", "json");
        JsonNode history = json(null);
        assertThat(history.get(0).path("app_version").asText()).isEqualTo("1.0.0");
        assertThat(history.get(0).path("description").asText()).isEqualTo("Install complete");

        assertThat(helm("get", "values", REL, "-n", NS, "--revision", "1", "-o", "yaml").exitCode()).isZero();
        assertThat(String.join("\n", output)).contains("tag: 1.4.0", "primeApiKey: ****").doesNotContain(KEY.reveal());

        assertThat(helm("get", "manifest", REL, "-n", NS, "--revision", "1").exitCode()).isZero();
        assertThat(String.join("\n", output)).contains("kind: StatefulSet", "PRIME_API_KEY: \"****\"");

        assertThat(helm("show", "chart", example.chart().toString()).exitCode()).isZero();
        assertThat(output).contains("name: dataos-manager");
    }

    @Test
    void waitFailureIsRecordedAsAFailedRevisionAndRollbackRestoresTheBaseline() throws Exception {
        upgrade();
        k8s.injectFault(WorkloadFault.rolloutStuck(NS, REL, "1.5.0", "CrashLoopBackOff"));

        CommandResult failed = upgrade("--set", "image.tag=1.5.0");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(output).anyMatch(l -> l.startsWith("Error: UPGRADE FAILED: context deadline exceeded"));
        helm("history", REL, "-n", NS, "-o", "json");
        assertThat(json(null).get(1).path("status").asText()).isEqualTo("failed");

        CommandResult rollback = helm("rollback", REL, "1", "-n", NS, "--wait", "--timeout", "60s");

        assertThat(rollback.exitCode()).as(String.join("\n", output)).isZero();
        assertThat(output).contains("Rollback was a success! Happy Helming!");
        helm("history", REL, "-n", NS, "-o", "json");
        JsonNode history = json(null);
        assertThat(history).hasSize(3);
        assertThat(history.get(2).path("description").asText()).isEqualTo("Rollback to 1");
        assertThat(history.get(2).path("status").asText()).isEqualTo("deployed");
        assertThat(k8s.statefulSet(NS, REL).orElseThrow().imageTag()).isEqualTo("1.4.0");
        assertThat(k8s.statefulSet(NS, REL).orElseThrow().rolledOut()).isTrue();
    }

    @Test
    void otherProgramsRunForRealAndUnsupportedHelmVerbsFailClearly() throws Exception {
        List<String> lines = new ArrayList<>();
        CommandResult echo = runner.run(Command.of("sh", "-c", "echo real process"), lines::add);
        assertThat(echo.exitCode()).isZero();
        assertThat(lines).containsExactly("real process");

        CommandResult push = helm("push", "chart.tgz", "oci://example.invalid");
        assertThat(push.exitCode()).isEqualTo(1);
        assertThat(output).containsExactly("Error: the sandbox's in-process helm does not support 'push'");
    }

    @Test
    void theEnginesKubectlClientRunsUnchangedOnTheSandbox() throws Exception {
        io.dataos.upgrade.kube.KubectlClient kubectl = new io.dataos.upgrade.kube.KubectlClient(runner, "kubectl",
                new io.dataos.upgrade.kube.KubeTarget(k8s.kubeconfig().toString(), null), line -> { });
        upgrade();

        assertThat(kubectl.serverVersion()).isEqualTo("v1.30.0");
        assertThat(kubectl.namespace(NS).orElseThrow().labels()).containsEntry("app.kubernetes.io/part-of", "dataos");
        assertThat(kubectl.namespace("absent")).isEmpty();
        assertThat(kubectl.rolloutStatus("statefulset/" + REL, NS, Duration.ofSeconds(5)).complete()).isTrue();

        k8s.injectFault(WorkloadFault.rolloutStuck(NS, REL, "1.5.0", "CrashLoopBackOff"));
        CommandResult stuck = upgrade("--set", "image.tag=1.5.0");
        assertThat(stuck.exitCode()).isEqualTo(1);
        assertThat(kubectl.rolloutStatus("statefulset/" + REL, NS, Duration.ofSeconds(5)).complete()).isFalse();
    }

    @Test
    void repositoryChartsAreServedByReferenceAndVersion() throws Exception {
        runner.withChart("dataos/dataos-manager", "0.1.0", example.chart());

        assertThat(helm("show", "chart", "dataos/dataos-manager", "--version", "0.1.0").exitCode()).isZero();
        assertThat(helm("show", "chart", "dataos/dataos-manager", "--version", "9.9.9").exitCode()).isEqualTo(1);
        assertThat(output).anyMatch(l -> l.contains("version \"9.9.9\" not found"));
        assertThat(helm("show", "chart", "other/chart").exitCode()).isEqualTo(1);
        assertThat(output).anyMatch(l -> l.contains("repo other not found"));
    }

    @Test
    void uninstallThenStatusIsNotFound() throws Exception {
        upgrade();

        assertThat(helm("uninstall", REL, "-n", NS).exitCode()).isZero();

        assertThat(helm("status", REL, "-n", NS).exitCode()).isEqualTo(1);
        assertThat(k8s.statefulSet(NS, REL)).isEmpty();
    }

    @Test
    void theSimulatorRunsNothingAndSaysWhatARealRunWouldExecute() throws Exception {
        Path marker = dir.resolve("touched");
        output.clear();
        CommandResult result = runner.run(Command.of(SandboxCommandRunner.SIMULATOR, "touch", marker.toString()),
                output::add);

        assertThat(result.succeeded()).isTrue();
        assertThat(output).containsExactly("[simulated] a real run would execute: touch " + marker);
        assertThat(marker).as("nothing ran").doesNotExist();
    }

    @Test
    void afterASuccessfulUpgradeTheListenerRunsAndMayCutTheRunShort() throws Exception {
        List<String> upgraded = new ArrayList<>();
        runner.afterUpgrade((release, namespace, out) -> {
            upgraded.add(namespace + "/" + release);
            if (upgraded.size() == 2) {
                throw new InterruptedException("injected");
            }
        });
        assertThat(upgrade().exitCode()).isZero();
        assertThat(upgraded).containsExactly(NS + "/" + REL);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upgrade("--set", "image.tag=1.5.0"))
                .isInstanceOf(InterruptedException.class);
        assertThat(helm("history", REL, "-n", NS, "-o", "json").exitCode()).isZero();
        assertThat(json(null)).as("the upgrade itself happened before the cut").hasSize(2);
    }

    @Test
    void theProgramsThatReallyRunInheritNoWithheldVariableAsInProduction() throws Exception {
        String home = System.getenv("HOME");
        org.junit.jupiter.api.Assumptions.assumeTrue(home != null && System.getenv("PATH") != null);
        runner.withholdVariables(List.of("PATH"));
        runner.withhold(Secret.of("home-as-a-secret", home));

        output.clear();
        CommandResult env = runner.run(new Command(List.of("/usr/bin/env"), Map.of(), null, Duration.ofSeconds(30),
                List.of()), output::add);

        assertThat(env.exitCode()).isZero();
        assertThat(output).isNotEmpty().noneMatch(line -> line.startsWith("PATH="))
                .noneMatch(line -> line.startsWith("HOME="));
    }
}
