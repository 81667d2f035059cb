package io.dataos.upgrade.metrics;

import java.util.Map;
import java.util.TreeMap;

/** One sample of an instant query: the series' labels, the evaluation time and the value. */
public record PromSample(Map<String, String> metric, double timestamp, double value) {

    public PromSample {
        metric = Map.copyOf(metric == null ? Map.of() : metric);
    }

    /** The series as Prometheus prints it, e.g. {@code {job="metis", code="500"}}; {@code {}} for none. */
    public String series() {
        StringBuilder text = new StringBuilder("{");
        new TreeMap<>(metric).forEach((k, v) -> {
            if (text.length() > 1) {
                text.append(", ");
            }
            text.append(k).append("=\"").append(v).append('"');
        });
        return text.append('}').toString();
    }
}
