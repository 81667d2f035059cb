package io.dataos.upgrade.helm;

import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.kube.KubectlClient.PodRevision;
import io.dataos.upgrade.kube.KubectlClient.StatefulSetRevision;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Kubernetes' "forced rollback", done while {@code helm rollback --wait} runs. A StatefulSet with the default
 * {@code podManagementPolicy: OrderedReady} does not replace a pod that never became Ready when its template is
 * reverted (the StatefulSet controller waits for it to be Running and Ready first), so the rollback would wait out
 * its timeout; Kubernetes' documentation says to delete such pods once the template is reverted. This watcher
 * notes the revision the StatefulSet was updating to when the rollback started (the failed one); once the
 * rollback has reverted the template (the update revision changed), it deletes each pod that is still at the
 * failed revision and not Ready, and says so. It touches nothing else: a Ready pod, a pod of another revision, a
 * Parallel StatefulSet (whose controller replaces such pods itself) or a release without the StatefulSet.
 */
final class StuckPods implements AutoCloseable {

    private static final long POLL_MILLIS = 1000;

    private final KubectlClient kubectl;
    private final String namespace;
    private final StatefulSetRevision before;
    private final Consumer<String> log;
    private final Set<String> deleted = new HashSet<>();
    private final Thread thread;
    private volatile boolean stopped;

    private StuckPods(KubectlClient kubectl, String namespace, StatefulSetRevision before, Consumer<String> log) {
        this.kubectl = kubectl;
        this.namespace = namespace;
        this.before = before;
        this.log = log;
        this.thread = new Thread(this::watch, "forced-rollback " + before.name());
        thread.setDaemon(true);
    }

    /**
     * Starts watching StatefulSet {@code name} (the release's) before the rollback starts; empty when there is
     * nothing a rollback could leave stuck (no such StatefulSet, or Parallel pod management).
     */
    static Optional<StuckPods> watch(KubectlClient kubectl, String name, String namespace, Consumer<String> log)
            throws java.io.IOException, InterruptedException {
        Optional<StuckPods> watcher = notedNow(kubectl, name, namespace, log);
        watcher.ifPresent(w -> w.thread.start());
        return watcher;
    }

    /** The StatefulSet's failed revision noted now, not watched yet (tests call {@link #once()}). */
    static Optional<StuckPods> notedNow(KubectlClient kubectl, String name, String namespace, Consumer<String> log)
            throws java.io.IOException, InterruptedException {
        Optional<StatefulSetRevision> sts = kubectl.statefulSet(name, namespace);
        if (sts.isEmpty() || !sts.get().orderedReady() || sts.get().updateRevision().isEmpty()
                || sts.get().selector().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StuckPods(kubectl, namespace, sts.get(), log));
    }

    private void watch() {
        while (!stopped) {
            try {
                once();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (java.io.IOException | RuntimeException e) {
                // a failed look is tried again; helm's own --wait decides how the rollback ends
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One look: deletes the pods left at the failed revision once the template is reverted. */
    void once() throws java.io.IOException, InterruptedException {
        Optional<StatefulSetRevision> now = kubectl.statefulSet(before.name(), namespace);
        if (now.isEmpty() || now.get().updateRevision().isEmpty()
                || now.get().updateRevision().equals(before.updateRevision())) {
            return; // not reverted yet
        }
        for (PodRevision pod : kubectl.pods(namespace, before.selector())) {
            if (!pod.ready() && pod.revision().equals(before.updateRevision()) && !stopped
                    && deleted.add(pod.name())) {
                kubectl.deletePod(pod.name(), namespace);
                log.accept("deleted pod " + pod.name() + ": it never became Ready at the failed revision "
                        + before.updateRevision() + ", and with podManagementPolicy OrderedReady Kubernetes does not"
                        + " replace such a pod when the template is reverted (its forced rollback)");
            }
        }
    }

    /** Stops watching; waits a little for a look in progress. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
