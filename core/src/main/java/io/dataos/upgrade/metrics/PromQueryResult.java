package io.dataos.upgrade.metrics;

import java.util.List;

/** The data of a successful instant query: its result type ({@code vector} or {@code scalar}) and samples. */
public record PromQueryResult(String resultType, List<PromSample> samples) {

    public PromQueryResult {
        samples = List.copyOf(samples);
    }
}
