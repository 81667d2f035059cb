package io.dataos.upgrade.sandbox;

import java.util.List;

/**
 * What {@code helm lint} said about a chart.
 *
 * @param failed whether lint found errors
 * @param messages Helm's messages, e.g. {@code [INFO] Chart.yaml: icon is recommended}
 */
public record LintReport(boolean failed, List<String> messages) {

    public LintReport {
        messages = List.copyOf(messages);
    }
}
