package io.dataos.upgrade.sandbox;

import java.time.ZonedDateTime;

/**
 * One line of {@code helm history}: a revision of a release and what happened to it.
 *
 * @param revision the revision number
 * @param updated when the revision was written
 * @param status deployed, superseded, failed…
 * @param chart chart name and version, e.g. {@code dataos-manager-0.1.0}
 * @param appVersion the chart's appVersion
 * @param description Helm's description: "Install complete", "Upgrade complete", "Rollback to 1"…
 */
public record ReleaseRevision(
        int revision,
        ZonedDateTime updated,
        String status,
        String chart,
        String appVersion,
        String description) {}
