package io.dataos.upgrade.model;

import java.util.Objects;

/**
 * The dataos-manager Helm release of a DataOS release: the chart and chart version, the manager
 * image tag the runbook's "DataOS Manager Tag Update" step sets, and where the release lives.
 */
public record Manager(String chart, ComponentVersion chartVersion, String imageTag, String namespace, String releaseName) {

    /** The runbook's chart, namespace and release name, used when a manifest does not name them. */
    public static final String DEFAULT_CHART = "dataos/dataos-manager";
    public static final String DEFAULT_NAMESPACE = "dataos-manager";
    public static final String DEFAULT_RELEASE_NAME = "dataos-manager";

    public Manager {
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(chartVersion, "chartVersion");
        Objects.requireNonNull(imageTag, "imageTag");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(releaseName, "releaseName");
    }

    /** Whether going from this manager to {@code other} needs a Helm release change. */
    public boolean differsFrom(Manager other) {
        return !chart.equals(other.chart) || !chartVersion.equals(other.chartVersion) || !imageTag.equals(other.imageTag)
                || !namespace.equals(other.namespace) || !releaseName.equals(other.releaseName);
    }
}
