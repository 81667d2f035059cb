package io.dataos.upgrade.api;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suggested low-traffic window as plain values: its spec (as {@code --window} and
 * {@code maintenanceWindow} take it), the figures behind the choice, the query's range and step, and
 * the week as a small text chart. {@link #toMap()} has the keys of {@code window suggest --output json}.
 *
 * @param share the window's mean traffic as a share of the week's mean
 * @param coverage the share of the week's quarter hours the look-back period had data for
 */
public record WindowResult(String window, String zone, String duration, double meanTraffic, double weekMeanTraffic,
        double share, String busiestWindow, double busiestMeanTraffic, String lookback, String start, String end,
        long stepSeconds, int points, double coverage, String chart, String message) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("status", "SUGGESTED");
        map.put("window", window);
        map.put("zone", zone);
        map.put("duration", duration);
        map.put("meanTraffic", meanTraffic);
        map.put("weekMeanTraffic", weekMeanTraffic);
        map.put("shareOfWeekMean", share);
        map.put("busiestWindow", busiestWindow);
        map.put("busiestMeanTraffic", busiestMeanTraffic);
        map.put("lookback", lookback);
        map.put("start", start);
        map.put("end", end);
        map.put("stepSeconds", stepSeconds);
        map.put("points", points);
        map.put("coverage", coverage);
        map.put("chart", chart);
        map.put("message", message);
        return map;
    }
}
