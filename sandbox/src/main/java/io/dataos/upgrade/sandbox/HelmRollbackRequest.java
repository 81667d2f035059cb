package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A rollback of a release to an earlier revision.
 *
 * @param release the release name
 * @param namespace the release namespace
 * @param chart the chart directory the target revision was made from (checked against the history)
 * @param toRevision the revision to return to
 * @param secretOverlay secret values to send again (value path → secret); secrets the sandbox was
 *     already given are found in the target revision's values by themselves
 * @param timeout how long the upgrade that emulates the rollback may take
 */
public record HelmRollbackRequest(
        String release,
        String namespace,
        Path chart,
        int toRevision,
        Map<String, Secret> secretOverlay,
        Duration timeout) {

    public HelmRollbackRequest {
        HelmUpgradeRequest.validateRelease("helm rollback request", release, namespace);
        if (toRevision < 1) {
            throw new InvalidInputException("helm rollback request", "toRevision",
                    toRevision + " is not a revision: revisions start at 1");
        }
        secretOverlay = Map.copyOf(secretOverlay == null ? Map.of() : secretOverlay);
        timeout = timeout == null ? HelmUpgradeRequest.DEFAULT_TIMEOUT : timeout;
        HelmUpgradeRequest.validateTimeout("helm rollback request", timeout);
    }

    /** A rollback of {@code release} to {@code toRevision} with the chart in {@code chart}. */
    public static HelmRollbackRequest of(String release, String namespace, Path chart, int toRevision) {
        return new HelmRollbackRequest(release, namespace, chart, toRevision, Map.of(), null);
    }
}
