package io.dataos.upgrade.helm;

import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.kube.KubectlClient.PodRevision;
import io.dataos.upgrade.kube.KubectlClient.StatefulSetRevision;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Kubernetes' "forced rollback", done while {@code helm rollback --wait} runs. A StatefulSet with the default
 * {@code podManagementPolicy: OrderedReady} and a rolling update does not replace a pod that is not Running and
 * Ready (the controller waits for it before it updates anything), so after a failed rollout the rollback's
 * template is never applied to the stuck pod and the wait runs out; Kubernetes' documentation says to delete such
 * pods once the template is reverted.
 *
 * <p>Only pods that were already not Ready when the rollback started can be deleted: a healthy release that is
 * rolled back has none, so nothing is ever deleted then, not even a pod that stops being Ready for a moment while
 * the controller replaces it. Such a pod is deleted once the controller has seen the rollback's template and the
 * pod is still not Ready at a revision other than the one the controller now brings its ordinal to (the update
 * revision, or below a partition the current one), is not being deleted already, and is controlled by this very
 * StatefulSet. The watch ends when no such pod is left, or when the rollback ends.
 */
final class StuckPods implements AutoCloseable {

    private static final long POLL_MILLIS = 1000;

    private final KubectlClient kubectl;
    private final String name;
    private final String namespace;
    private final Consumer<String> log;
    /** The pods not Ready when the rollback started, not deleted yet. */
    private final Set<String> stuck;
    private final Set<String> failedOnce = new java.util.HashSet<>();
    private final Thread thread;
    private volatile boolean stopped;

    private StuckPods(KubectlClient kubectl, String name, String namespace, Set<String> stuck,
            Consumer<String> log) {
        this.kubectl = kubectl;
        this.name = name;
        this.namespace = namespace;
        this.stuck = stuck;
        this.log = log;
        this.thread = new Thread(this::watch, "forced-rollback " + name);
        thread.setDaemon(true);
    }

    /**
     * Starts watching StatefulSet {@code name} (the release's) before the rollback starts; empty when a rollback
     * cannot leave a pod stuck there (no such StatefulSet, Parallel pod management, not a rolling update, every
     * pod Ready). A look that fails is said on {@code log} and the rollback goes on without the watch.
     */
    static Optional<StuckPods> watch(KubectlClient kubectl, String name, String namespace, Consumer<String> log)
            throws InterruptedException {
        Optional<StuckPods> watcher = notedNow(kubectl, name, namespace, log);
        watcher.ifPresent(w -> w.thread.start());
        return watcher;
    }

    /** The pods stuck now, not watched yet (tests call {@link #once()}). */
    static Optional<StuckPods> notedNow(KubectlClient kubectl, String name, String namespace, Consumer<String> log)
            throws InterruptedException {
        try {
            Optional<StatefulSetRevision> sts = kubectl.statefulSet(name, namespace);
            if (sts.isEmpty() || !sts.get().orderedReady() || !"RollingUpdate".equals(sts.get().updateStrategy())
                    || sts.get().selector().isEmpty()) {
                return Optional.empty();
            }
            Set<String> stuck = new LinkedHashSet<>();
            for (PodRevision pod : kubectl.pods(namespace, sts.get().selector())) {
                if (!pod.ready() && !pod.terminating() && pod.controllerUid().equals(sts.get().uid())) {
                    stuck.add(pod.name());
                }
            }
            return stuck.isEmpty() ? Optional.empty()
                    : Optional.of(new StuckPods(kubectl, name, namespace, stuck, log));
        } catch (IOException | RuntimeException e) {
            log.accept("forced rollback not armed (pods a failed rollout left not Ready are not deleted, helm"
                    + " rollback --wait may wait out its timeout): " + firstLine(e.getMessage()));
            return Optional.empty();
        }
    }

    private void watch() {
        while (!stopped && !stuck.isEmpty()) {
            try {
                once();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                // a failed look is tried again; helm's own --wait decides how the rollback ends
                try {
                    Thread.sleep(POLL_MILLIS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** One look: deletes the pods still stuck at a revision the reverted template no longer wants. */
    void once() throws IOException, InterruptedException {
        Optional<StatefulSetRevision> now = kubectl.statefulSet(name, namespace);
        if (now.isEmpty() || !now.get().observed() || now.get().updateRevision().isEmpty()) {
            return; // the controller has not seen the rollback's template yet
        }
        StatefulSetRevision sts = now.get();
        List<PodRevision> pods = kubectl.pods(namespace, sts.selector());
        for (PodRevision pod : pods) {
            if (!stuck.contains(pod.name())) {
                continue;
            }
            if (pod.ready()) {
                stuck.remove(pod.name()); // it came up after all
                continue;
            }
            String wanted = sts.revisionFor(pod.ordinal());
            if (pod.terminating() || pod.ordinal() < 0 || !pod.controllerUid().equals(sts.uid())
                    || pod.revision().equals(wanted) || stopped) {
                continue;
            }
            try {
                kubectl.deletePod(pod.name(), namespace);
            } catch (io.dataos.upgrade.process.CommandFailedException refused) {
                if (failedOnce.add(pod.name())) {
                    log.accept("could not delete pod " + pod.name() + " (it stays not Ready at revision "
                            + pod.revision() + "; trying again): " + firstLine(refused.getMessage()));
                }
                continue;
            }
            stuck.remove(pod.name());
            log.accept("deleted pod " + pod.name() + ": not Ready at revision " + pod.revision() + " since before"
                    + " the rollback, and with podManagementPolicy OrderedReady Kubernetes does not replace such a"
                    + " pod when the template is reverted (its forced rollback); the controller recreates it at "
                    + wanted);
        }
        stuck.retainAll(pods.stream().map(PodRevision::name).toList());
    }

    private static String firstLine(String text) {
        String t = String.valueOf(text).strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
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
