package io.dataos.upgrade.realcluster;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.ManagerRollback;
import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.kube.KubeTarget;
import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The production adapters wired to the real binaries and one namespace of the {@link ControlPlane}:
 * a workspace in a fresh folder, the real helm 3 or helm 4, the real kubectl, the Prime key from
 * {@link TestSecrets}. Every command also gets {@code KUBECONFIG}, as an operator's shell would, for
 * the checks that take only a context (rollout, helm test).
 */
final class RealWorld {

    static final String NAMESPACE_LABEL = PreInstallChecks.DEFAULT_NAMESPACE_LABEL;

    final ControlPlane plane;
    final String helmProgram;
    final String namespace;
    final Path dir;
    final LocalWorkspace workspace;
    final CommandRunner runner;
    final KubeTarget kube;
    final HelmClient helm;
    final KubectlClient kubectl;
    final List<String> log = new CopyOnWriteArrayList<>();

    RealWorld(ControlPlane plane, String helmProgram, String namespace) throws IOException {
        this.plane = plane;
        this.helmProgram = helmProgram;
        this.namespace = namespace;
        this.dir = Files.createTempDirectory(namespace + "-");
        this.workspace = new LocalWorkspace(dir);
        this.runner = withKubeconfig(new LocalCommandRunner(), plane.kubeconfig().toString());
        this.kube = new KubeTarget(plane.kubeconfig().toString(), null);
        Consumer<String> sink = log::add;
        this.helm = new HelmClient(runner, plane.binaries().path(helmProgram), kube, sink);
        this.kubectl = new KubectlClient(runner, plane.binaries().path("kubectl"), kube, sink);
    }

    ManagerUpgrade upgrade() {
        return new ManagerUpgrade(helm, workspace, TestSecrets.provider(TestSecrets.primeApiKey()));
    }

    /** The rollback as the runbook runs it: with kubectl, for the pods a failed rollout leaves stuck. */
    ManagerRollback rollback() {
        return new ManagerRollback(helm, kubectl, log::add);
    }

    PreInstallChecks checks() {
        return new PreInstallChecks(helm, kubectl, workspace);
    }

    HelmTarget target(String release, String chart) {
        return new HelmTarget(release, namespace, chart, null);
    }

    /** Creates the namespace with the DataOS label, as DataOS's installation does. */
    void createNamespace() throws IOException, InterruptedException {
        plane.kubectlOrThrow("create", "namespace", namespace);
        plane.kubectlOrThrow("label", "namespace", namespace, NAMESPACE_LABEL);
    }

    String kubectl(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("-n");
        argv.add(namespace);
        return plane.kubectlOrThrow(argv.toArray(String[]::new));
    }

    /** The helm release Secrets of a release, by name ({@code sh.helm.release.v1.NAME.vN}) with their status label. */
    List<String> releaseSecrets(String release) throws IOException, InterruptedException {
        String out = kubectl("get", "secrets", "-l", "owner=helm,name=" + release, "-o",
                "jsonpath={range .items[*]}{.metadata.name}={.metadata.labels.status}{\"\\n\"}{end}");
        return out.lines().filter(l -> !l.isBlank()).sorted().toList();
    }

    /** A data field of a Secret, decoded. */
    String secretField(String secret, String field) throws IOException, InterruptedException {
        String b64 = kubectl("get", "secret", secret, "-o", "jsonpath={.data." + field + "}").strip();
        return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }

    String statefulSetImage(String name) throws IOException, InterruptedException {
        return kubectl("get", "statefulset", name, "-o", "jsonpath={.spec.template.spec.containers[0].image}").strip();
    }

    /** The chart copied into the workspace, with test files added under templates/ (name, content pairs). */
    Path chartCopy(Path source, String... extraTemplates) throws IOException {
        Path target = dir.resolve("charts").resolve(source.getFileName());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        for (int i = 0; i + 1 < extraTemplates.length; i += 2) {
            Path to = target.resolve("templates").resolve(extraTemplates[i]);
            Files.createDirectories(to.getParent());
            Files.writeString(to, extraTemplates[i + 1]);
        }
        return target;
    }

    /**
     * The helm process of this world now running {@code subcommand} (a child of this JVM), found by
     * its argv; for the kill points.
     */
    Optional<ProcessHandle> runningHelm(String subcommand) {
        String program = plane.binaries().path(helmProgram);
        return ProcessHandle.current().descendants().filter(p -> {
            String[] args = p.info().arguments().orElse(new String[0]);
            return program.equals(p.info().command().orElse("")) && args.length > 0 && args[0].equals(subcommand)
                    && List.of(args).contains(namespace);
        }).findFirst();
    }

    /** A runner that adds KUBECONFIG to every command. */
    static CommandRunner withKubeconfig(CommandRunner runner, String kubeconfig) {
        return new CommandRunner() {
            @Override
            public CommandResult run(Command command, Consumer<String> output)
                    throws IOException, InterruptedException {
                return runner.run(command.withEnv("KUBECONFIG", kubeconfig), output);
            }

            @Override
            public CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
                    throws IOException, InterruptedException {
                return runner.run(command.withEnv("KUBECONFIG", kubeconfig), output, onStart);
            }
        };
    }
}
