package io.dataos.upgrade.helm;

/** What {@code helm show chart} says about a chart: its name, version and appVersion. */
public record ChartInfo(String name, String version, String appVersion) {
}
