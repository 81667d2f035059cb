package io.dataos.upgrade.metrics;

import java.util.Map;

/** One series of a range query: its labels and its points, {@code times[i]} (Unix seconds) with {@code values[i]}. */
public record PromSeries(Map<String, String> metric, double[] times, double[] values) {

    public PromSeries {
        metric = Map.copyOf(metric == null ? Map.of() : metric);
        if (times.length != values.length) {
            throw new IllegalArgumentException("times and values differ in length");
        }
    }

    public int size() {
        return times.length;
    }
}
