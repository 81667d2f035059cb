package io.dataos.upgrade.helm;

import java.time.OffsetDateTime;

/**
 * One entry of {@code helm history RELEASE -o json}: Helm's fields {@code revision}, {@code updated},
 * {@code status}, {@code chart} ("name-version"), {@code app_version} and {@code description}.
 */
public record HelmRevision(int revision, OffsetDateTime updated, String status, String chart, String appVersion,
        String description) {

    /** Deployed now, or deployed earlier and since replaced: a state the release can go back to. */
    public boolean wasDeployed() {
        return HelmRelease.DEPLOYED.equals(status) || HelmRelease.SUPERSEDED.equals(status);
    }

    public boolean isPending() {
        return status != null && status.startsWith("pending-");
    }
}
