package io.dataos.upgrade.helm;

import java.time.OffsetDateTime;

/**
 * A release as {@code helm status RELEASE -o json} reports it: Helm's {@code name},
 * {@code namespace}, {@code version} (the revision), {@code info.status}, {@code info.description},
 * {@code info.first_deployed}/{@code last_deployed} and {@code chart.metadata.name/version/appVersion}.
 * The release's values ({@code config}) are deliberately not kept: they hold the Prime API key.
 */
public record HelmRelease(String name, String namespace, int revision, String status, String description,
        OffsetDateTime firstDeployed, OffsetDateTime lastDeployed, String chartName, String chartVersion,
        String appVersion) {

    public static final String DEPLOYED = "deployed";
    public static final String SUPERSEDED = "superseded";
    public static final String FAILED = "failed";

    /** Helm is (or was, when interrupted) in the middle of an install, upgrade or rollback. */
    public boolean isPending() {
        return status != null && status.startsWith("pending-");
    }

    public boolean isDeployed() {
        return DEPLOYED.equals(status);
    }

    /** "name-version" as {@code helm history} writes the chart. */
    public String chart() {
        return chartName + "-" + chartVersion;
    }
}
