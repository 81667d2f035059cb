package io.dataos.upgrade.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Helm's documented way out of a release stuck in {@code pending-install}, {@code pending-upgrade}
 * or {@code pending-rollback} (an earlier helm was interrupted, so Helm refuses another operation):
 * {@code helm rollback} to the last revision that was deployed. With no such revision (a first
 * install that never finished) the only way is {@code helm uninstall}, which this class only
 * describes and never runs.
 */
public record PendingReleaseRecovery(HelmTarget target, HelmRevision stuck, Optional<HelmRevision> rollbackTo) {

    /** The recovery for a release whose latest revision is pending, else empty. */
    public static Optional<PendingReleaseRecovery> of(HelmTarget target, ReleaseHistory history) {
        Optional<HelmRevision> latest = history.latest();
        if (latest.isEmpty() || !latest.get().isPending()) {
            return Optional.empty();
        }
        return Optional.of(new PendingReleaseRecovery(target, latest.get(),
                history.lastGoodBefore(latest.get().revision())));
    }

    /** The recovery command as an argv (helm first), for display and for the approval gate. */
    public List<String> command() {
        List<String> argv = new ArrayList<>(List.of("helm"));
        if (rollbackTo.isPresent()) {
            argv.addAll(List.of("rollback", target.release(), Integer.toString(rollbackTo.get().revision()),
                    "-n", target.namespace(), "--wait"));
        } else {
            argv.addAll(List.of("uninstall", target.release(), "-n", target.namespace()));
        }
        return argv;
    }

    /** What happened and what to do, for the pre-check's message. */
    public String advice() {
        String stuckText = "release " + target.release() + " is stuck in " + stuck.status() + " at revision "
                + stuck.revision() + " (" + stuck.description() + ")";
        return rollbackTo.map(good -> stuckText + "; recover by rolling back to revision " + good.revision()
                        + ", the last deployed one (" + good.chart() + "): " + String.join(" ", command()))
                .orElse(stuckText + "; no revision was ever deployed, so Helm cannot roll back: after checking"
                        + " nothing of it must be kept, run " + String.join(" ", command()) + " and install again");
    }
}
