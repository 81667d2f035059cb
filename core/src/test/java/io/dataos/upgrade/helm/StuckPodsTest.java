package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.testing.FakeClis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes' forced rollback during {@code helm rollback}: only a pod left not Ready at the failed revision of an
 * OrderedReady StatefulSet is deleted, and only once the template is reverted. (The real controller's behaviour
 * that makes it needed is shown by the real-cluster tier's {@code ExampleChartLifecycleTest}.)
 */
class StuckPodsTest {

    @TempDir
    Path tmp;

    private FakeClis fake;
    private KubectlClient kubectl;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        fake = FakeClis.install(tmp);
        kubectl = new KubectlClient(new LocalCommandRunner(), fake.kubectl(), null, null);
    }

    /** {@code kubectl get statefulset -o json} as kubectl prints it (the parts read here). */
    private static String statefulSet(String policy, String updateRevision) {
        return "{\n    \"apiVersion\": \"apps/v1\",\n    \"kind\": \"StatefulSet\",\n    \"metadata\": {\n"
                + "        \"name\": \"dataos-manager\",\n        \"namespace\": \"dataos-manager\"\n    },\n"
                + "    \"spec\": {\n" + (policy == null ? "" : "        \"podManagementPolicy\": \"" + policy + "\",\n")
                + "        \"replicas\": 2,\n        \"selector\": {\n            \"matchLabels\": {\n"
                + "                \"app.kubernetes.io/name\": \"dataos-manager\"\n            }\n        },\n"
                + "        \"serviceName\": \"dataos-manager\"\n    },\n    \"status\": {\n"
                + "        \"currentRevision\": \"dataos-manager-6d9c7b8f5\",\n        \"readyReplicas\": 1,\n"
                + "        \"replicas\": 2,\n        \"updateRevision\": \"" + updateRevision + "\"\n    }\n}\n";
    }

    private static String pod(String name, String revision, boolean ready) {
        return "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"" + name + "\", \"labels\":"
                + " {\"app.kubernetes.io/name\": \"dataos-manager\", \"controller-revision-hash\": \"" + revision
                + "\"}}, \"status\": {\"conditions\": [{\"type\": \"Initialized\", \"status\": \"True\"},"
                + " {\"type\": \"Ready\", \"status\": \"" + (ready ? "True" : "False") + "\"}],"
                + " \"phase\": \"Running\"}}";
    }

    private void pods(String... pods) throws Exception {
        fake.put("kube/pods.json", "{\n    \"apiVersion\": \"v1\",\n    \"items\": [" + String.join(",\n", pods)
                + "],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }

    @Test
    void theUnreadyPodOfTheFailedRevisionGoesOnceTheTemplateIsRevertedAndNothingElse() throws Exception {
        fake.put("kube/statefulsets/dataos-manager.json", statefulSet(null, "dataos-manager-7f4b9c6d8"));
        pods(pod("dataos-manager-0", "dataos-manager-6d9c7b8f5", true),
                pod("dataos-manager-1", "dataos-manager-7f4b9c6d8", false));
        StuckPods stuck = StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add).orElseThrow();

        stuck.once(); // the template is not reverted yet: the controller may still bring the pod up
        assertThat(fake.calls("kubectl", "delete")).isEmpty();

        fake.put("kube/statefulsets/dataos-manager.json", statefulSet(null, "dataos-manager-6d9c7b8f5"));
        stuck.once();
        stuck.once();

        assertThat(fake.calls("kubectl", "delete")).containsExactly(List.of("kubectl", "delete", "pod",
                "dataos-manager-1", "-n", "dataos-manager", "--wait=false", "--ignore-not-found",
                "--request-timeout=20s"));
        assertThat(fake.calls("kubectl", "get")).anySatisfy(call -> assertThat(call)
                .containsSequence("-l", "app.kubernetes.io/name=dataos-manager"));
        assertThat(log).singleElement().asString().startsWith("deleted pod dataos-manager-1: it never became Ready"
                + " at the failed revision dataos-manager-7f4b9c6d8");
    }

    @Test
    void aParallelStatefulSetOrNoneIsLeftToItsController() throws Exception {
        fake.put("kube/statefulsets/dataos-manager.json", statefulSet("Parallel", "dataos-manager-7f4b9c6d8"));
        assertThat(StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add)).isEmpty();
        assertThat(StuckPods.notedNow(kubectl, "other-release", "dataos-manager", log::add)).isEmpty();
        assertThat(fake.calls("kubectl", "get")).hasSize(2);
        assertThat(fake.calls("kubectl", "delete")).isEmpty();
    }
}
