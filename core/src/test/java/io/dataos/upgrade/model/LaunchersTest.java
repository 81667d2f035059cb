package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LaunchersTest {

    private static List<String> argv(String line) {
        return List.of(line.split(" "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sh -c x", "/bin/sh -c x", "BASH -c x", "bash5 -c x", "zsh-5.9 -c x", "busybox.exe sh", "C:\\bin\\cmd.exe /c x",
            "nice -n 10 sh -c x", "timeout 60 bash -c x", "xargs -0 sh -c x", "busybox sh -c x", "toybox sh",
            "sudo -u root sh", "sudo -s", "sudo -is", "doas -s", "env FOO=1 sh -c x", "env -S x", "nohup setsid sh",
            "stdbuf -oL ash", "chroot / dash -c x", "ionice -c3 ksh", "taskset 0x1 fish", "nice nice timeout 1 sh",
            "flock /tmp/l -c x", "runuser -u x -- bash", "systemd-run --shell", "find . -exec rm {} ;",
            "python3 -c x", "python3.11 -c x", "perl -e x", "node --eval x", "timeout 9 python3 -c x", "su -c x",
            "watch date", "awk BEGIN{system(x)}", "setsid nohup /usr/bin/env -S x"})
    void aShellDirectlyOrBehindALauncherIsFound(String line) {
        assertThat(Launchers.shellIn(argv(line))).as(line).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "terraform -chdir=infra apply -auto-approve", "./ops/stack.sh apply flare.yaml", "kubectl -n x rollout status",
            "nice -n 10 terraform apply", "timeout 1h terraform apply -var=shell=sh", "python3 infra/rollback.py --sh",
            "sudo -u deploy terraform apply", "helm upgrade dataos-manager dataos/dataos-manager", "ssh-keygen -l"})
    void theToolItselfOrALauncherInFrontOfItPasses(String line) {
        assertThat(Launchers.shellIn(argv(line))).as(line).isNull();
    }

    @org.junit.jupiter.api.Test
    void theRefusalNamesTheElementAndSaysWhatToWriteInstead() {
        assertThatThrownBy(() -> Launchers.refuseShell(argv("nice -n 10 timeout 1h busybox sh -c x"), "release.yaml",
                "cloudKernel.iac.rollbackCommand", "e.g. [terraform, apply]"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("release.yaml: cloudKernel.iac.rollbackCommand[6]: 'sh' runs 'sh' through the launcher"
                        + " 'busybox': a shell behind a launcher is still a shell (started through 'timeout') (started"
                        + " through 'nice'): commands run without a shell, so name the program itself (no shell, no"
                        + " launcher in front of one); e.g. [terraform, apply]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataos..manager", "dataos.-manager", "-dataos", "Dataos", "dataos_manager", "dataos-",
            "a23456789012345678901234567890123456789012345678901234"})
    void releaseNamesHelmRefusesAreRefused(String name) {
        assertThat(Identifiers.releaseNameProblem(name)).as(name).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataos-manager", "dataos.manager", "a", "a2345678901234567890123456789012345678901234567890123"})
    void releaseNamesHelmAcceptsPass(String name) {
        assertThat(Identifiers.releaseNameProblem(name)).as(name).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"part-of=dataos; kubectl delete ns prod", "a=b\nc", "app.kubernetes.io/part-of=da taos",
            "=x", "-a=b", "a/b/c=d", "a=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void labelsKubernetesRefusesAreRefused(String label) {
        assertThat(Identifiers.labelProblem(label)).as(label).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app.kubernetes.io/part-of=dataos", "dataos", "team=", "example.com/Owner_1=A.b-c"})
    void labelsKubernetesAcceptsPass(String label) {
        assertThat(Identifiers.labelProblem(label)).as(label).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../tmp/chart", "/etc/chart", "~/chart", "charts/../../x", "C:\\charts", "file:///tmp/x"})
    void chartPathsLeavingTheWorkspaceAreRefused(String chart) {
        assertThat(Identifiers.chartPathProblem(chart)).as(chart).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataos/dataos-manager", "charts/dataos-manager", "oci://registry.example/dataos/manager",
            "./charts/dataos-manager"})
    void chartReferencesInsideTheWorkspacePass(String chart) {
        assertThat(Identifiers.chartPathProblem(chart)).as(chart).isNull();
    }
}
