package io.dataos.upgrade.helm;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.process.CommandFailedException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Rolls the dataos-manager release back with {@code helm rollback} to a chosen revision, or to the
 * last good one that {@code helm history} shows, and reports the release afterwards.
 */
public final class ManagerRollback {

    private final HelmClient helm;
    private final KubectlClient kubectl;
    private final java.util.function.Consumer<String> log;

    public ManagerRollback(HelmClient helm) {
        this(helm, null, null);
    }

    /**
     * With {@code kubectl}, pods that a failed rollout of the release's OrderedReady StatefulSet left stuck are
     * deleted once the rollback has reverted the template ({@link StuckPods}), each said on {@code log}.
     */
    public ManagerRollback(HelmClient helm, KubectlClient kubectl, java.util.function.Consumer<String> log) {
        this.helm = Objects.requireNonNull(helm);
        this.kubectl = kubectl;
        this.log = log == null ? line -> { } : log;
    }

    /**
     * Rolls back to {@code revision}, or to the last good revision when it is null (the one Helm
     * still marks deployed when the latest is pending or failed, else the newest earlier good one).
     *
     * @throws InvalidInputException when the revision does not exist or was never deployed
     * @throws CommandFailedException with Helm's own error when the rollback fails
     */
    public HelmRelease rollback(HelmTarget target, Integer revision, Duration timeout)
            throws IOException, InterruptedException {
        int to = chooseRevision(helm.history(target.release(), target.namespace()), revision);
        Optional<StuckPods> stuck = kubectl == null ? Optional.empty()
                : StuckPods.watch(kubectl, target.release(), target.namespace(), log);
        try {
            helm.rollback(target.release(), target.namespace(), to, timeout);
        } finally {
            stuck.ifPresent(StuckPods::close);
        }
        return helm.status(target.release(), target.namespace())
                .orElseThrow(() -> new IllegalStateException("helm rollback " + target.release()
                        + " succeeded but helm status does not find the release"));
    }

    static int chooseRevision(ReleaseHistory history, Integer revision) {
        String source = "helm history " + history.release();
        if (history.isEmpty()) {
            throw new InvalidInputException(source, "revision", "release " + history.release() + " has no history in"
                    + " namespace " + history.namespace() + ": nothing to roll back");
        }
        if (revision == null) {
            return history.lastGood().map(HelmRevision::revision).orElseThrow(() -> new InvalidInputException(source,
                    "revision", "no earlier revision was ever deployed: there is no good state to go back to;"
                            + " uninstall and install again, or name a revision"));
        }
        HelmRevision chosen = history.revision(revision).orElseThrow(() -> new InvalidInputException(source,
                "revision", "revision " + revision + " does not exist (revisions: " + history.revisions().stream()
                        .map(r -> Integer.toString(r.revision())).toList() + "): pick one of them"));
        if (!chosen.wasDeployed()) {
            throw new InvalidInputException(source, "revision", "revision " + revision + " has status "
                    + chosen.status() + " and was never deployed successfully: pick a deployed or superseded one");
        }
        return revision;
    }
}
