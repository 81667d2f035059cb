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
 * Kubernetes' forced rollback during {@code helm rollback}: only a pod that was already not Ready when the rollback
 * started, of this StatefulSet, is deleted, once the controller has seen the reverted template and wants another
 * revision for it. (The real controller's behaviour that makes it needed is shown by the real-cluster tier's
 * {@code ExampleChartLifecycleTest}.)
 */
class StuckPodsTest {

    private static final String UID = "6f1c2a7e-3b9d-4e15-8c0a-2d7f9b1e4c3a";
    private static final String GOOD = "dataos-manager-6d9c7b8f5";
    private static final String FAILED = "dataos-manager-7f4b9c6d8";

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
    private void statefulSet(String policy, String strategy, long observed, String current, String update)
            throws Exception {
        fake.put("kube/statefulsets/dataos-manager.json", "{\n    \"apiVersion\": \"apps/v1\",\n"
                + "    \"kind\": \"StatefulSet\",\n    \"metadata\": {\n        \"generation\": 4,\n"
                + "        \"name\": \"dataos-manager\",\n        \"namespace\": \"dataos-manager\",\n"
                + "        \"uid\": \"" + UID + "\"\n    },\n    \"spec\": {\n"
                + (policy == null ? "" : "        \"podManagementPolicy\": \"" + policy + "\",\n")
                + "        \"replicas\": 2,\n        \"selector\": {\n            \"matchLabels\": {\n"
                + "                \"app.kubernetes.io/name\": \"dataos-manager\"\n            }\n        },\n"
                + "        \"serviceName\": \"dataos-manager\",\n        \"updateStrategy\": {\n"
                + "            \"rollingUpdate\": {\n                \"partition\": 0\n            },\n"
                + "            \"type\": \"" + strategy + "\"\n        }\n    },\n    \"status\": {\n"
                + "        \"currentRevision\": \"" + current + "\",\n        \"observedGeneration\": " + observed
                + ",\n        \"readyReplicas\": 1,\n        \"replicas\": 2,\n        \"updateRevision\": \""
                + update + "\"\n    }\n}\n");
    }

    private void reverted() throws Exception {
        statefulSet(null, "RollingUpdate", 4, GOOD, GOOD);
    }

    private static String pod(String name, String revision, boolean ready) {
        return pod(name, revision, ready, UID, false);
    }

    private static String pod(String name, String revision, boolean ready, String owner, boolean terminating) {
        return "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {"
                + (terminating ? "\"deletionTimestamp\": \"2026-12-02T17:00:00Z\", " : "")
                + "\"name\": \"" + name + "\", \"labels\": {\"app.kubernetes.io/name\": \"dataos-manager\","
                + " \"controller-revision-hash\": \"" + revision + "\"}, \"ownerReferences\": [{\"apiVersion\":"
                + " \"apps/v1\", \"kind\": \"StatefulSet\", \"name\": \"dataos-manager\", \"controller\": true,"
                + " \"uid\": \"" + owner + "\"}]}, \"status\": {\"conditions\": [{\"type\": \"Initialized\","
                + " \"status\": \"True\"}, {\"type\": \"Ready\", \"status\": \"" + (ready ? "True" : "False")
                + "\"}], \"phase\": \"Running\"}}";
    }

    private void pods(String... pods) throws Exception {
        fake.put("kube/pods.json", "{\n    \"apiVersion\": \"v1\",\n    \"items\": [" + String.join(",\n", pods)
                + "],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n");
    }

    private List<List<String>> deletes() throws Exception {
        return fake.calls("kubectl", "delete");
    }

    @Test
    void thePodStuckAtTheFailedRevisionGoesOnceTheTemplateIsRevertedAndNothingElse() throws Exception {
        statefulSet(null, "RollingUpdate", 3, GOOD, FAILED);
        pods(pod("dataos-manager-0", FAILED, false), pod("dataos-manager-1", GOOD, true));
        StuckPods stuck = StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add).orElseThrow();

        stuck.once(); // the template is not reverted yet: the controller may still bring the pod up
        statefulSet(null, "RollingUpdate", 3, GOOD, GOOD);
        stuck.once(); // reverted, but the controller has not seen it yet (observedGeneration 3 < generation 4)
        assertThat(deletes()).isEmpty();

        reverted();
        stuck.once();
        stuck.once();

        assertThat(deletes()).containsExactly(List.of("kubectl", "delete", "pod", "dataos-manager-0", "-n",
                "dataos-manager", "--wait=false", "--ignore-not-found", "--request-timeout=20s"));
        assertThat(fake.calls("kubectl", "get")).anySatisfy(call -> assertThat(call)
                .containsSequence("-l", "app.kubernetes.io/name=dataos-manager"));
        assertThat(log).singleElement().asString().startsWith("deleted pod dataos-manager-0: not Ready at revision "
                + FAILED + " since before the rollback").endsWith("recreates it at " + GOOD);
    }

    @Test
    void aRetriedRollbackWhoseTemplateIsRevertedAlreadyDeletesTheStuckPodAtOnce() throws Exception {
        reverted();
        pods(pod("dataos-manager-0", FAILED, false));
        StuckPods stuck = StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add).orElseThrow();

        stuck.once();

        assertThat(deletes()).singleElement().satisfies(call -> assertThat(call).contains("dataos-manager-0"));
    }

    @Test
    void aHealthyReleaseRolledBackIsNeverTouchedEvenWhenAPodIsNotReadyForAMoment() throws Exception {
        statefulSet(null, "RollingUpdate", 4, GOOD, GOOD);
        pods(pod("dataos-manager-0", GOOD, true), pod("dataos-manager-1", GOOD, true));

        assertThat(StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add)).isEmpty();
        assertThat(deletes()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void aPodOfAnotherControllerOrOneBeingDeletedIsLeftAlone() throws Exception {
        statefulSet(null, "RollingUpdate", 3, GOOD, FAILED);
        pods(pod("dataos-manager-0", FAILED, false, "0c9e8d7f-other-statefulset", false),
                pod("dataos-manager-1", FAILED, false, UID, false));
        StuckPods stuck = StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add).orElseThrow();
        reverted();
        pods(pod("dataos-manager-0", FAILED, false, "0c9e8d7f-other-statefulset", false),
                pod("dataos-manager-1", FAILED, false, UID, true));

        stuck.once();

        assertThat(deletes()).isEmpty();
    }

    @Test
    void aParallelOrOnDeleteStatefulSetOrNoneIsLeftToItsController() throws Exception {
        pods(pod("dataos-manager-0", FAILED, false));
        statefulSet("Parallel", "RollingUpdate", 3, GOOD, FAILED);
        assertThat(StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add)).isEmpty();
        statefulSet(null, "OnDelete", 3, GOOD, FAILED);
        assertThat(StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add)).isEmpty();
        assertThat(StuckPods.notedNow(kubectl, "other-release", "dataos-manager", log::add)).isEmpty();
        assertThat(deletes()).isEmpty();
        assertThat(log).isEmpty();
    }

    @Test
    void aRefusedDeleteIsSaidOnceAndTriedAgain() throws Exception {
        statefulSet(null, "RollingUpdate", 3, GOOD, FAILED);
        pods(pod("dataos-manager-0", FAILED, false));
        StuckPods stuck = StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add).orElseThrow();
        reverted();
        fake.put("kube/delete-error", "Error from server (Forbidden): pods \"dataos-manager-0\" is forbidden: User"
                + " \"ci\" cannot delete resource \"pods\" in API group \"\" in the namespace \"dataos-manager\"\n");

        stuck.once();
        stuck.once();
        java.nio.file.Files.delete(fake.state().resolve("kube/delete-error"));
        stuck.once();

        assertThat(deletes()).hasSize(3);
        assertThat(log).hasSize(2);
        assertThat(log.get(0)).startsWith("could not delete pod dataos-manager-0").contains("forbidden");
        assertThat(log.get(1)).startsWith("deleted pod dataos-manager-0");
    }

    @Test
    void aWatchThatCannotLookSaysSoAndTheRollbackGoesOn() throws Exception {
        statefulSet(null, "RollingUpdate", 3, GOOD, FAILED);
        fake.put("kube/forbidden", "");

        assertThat(StuckPods.notedNow(kubectl, "dataos-manager", "dataos-manager", log::add)).isEmpty();
        assertThat(log).singleElement().asString().startsWith("forced rollback not armed").contains("Forbidden");
    }
}
