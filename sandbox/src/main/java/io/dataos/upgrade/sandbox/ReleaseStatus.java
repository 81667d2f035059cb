package io.dataos.upgrade.sandbox;

import java.time.ZonedDateTime;

/**
 * A Helm release as {@code helm status} or {@code helm upgrade} reports it.
 *
 * @param name the release name
 * @param namespace the release namespace
 * @param revision the release revision (1 after the first install)
 * @param status Helm's status word: deployed, failed, pending-upgrade, superseded, uninstalled…
 * @param chart chart name and version, e.g. {@code dataos-manager-0.1.0}
 * @param appVersion the chart's appVersion
 * @param lastDeployed when this revision was deployed
 */
public record ReleaseStatus(
        String name,
        String namespace,
        int revision,
        String status,
        String chart,
        String appVersion,
        ZonedDateTime lastDeployed) {

    /** Whether Helm reports the revision as deployed. */
    public boolean deployed() {
        return "deployed".equals(status);
    }
}
