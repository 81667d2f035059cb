package io.dataos.upgrade.verify;

/**
 * Bodies in the Prometheus HTTP API's own format ({@code /api/v1/query}), as Prometheus 2.x writes
 * them: a success envelope with an instant vector or scalar, and the error envelope.
 */
final class PrometheusResponses {

    private PrometheusResponses() {
    }

    /** An instant vector with one series per {@code [labels-json, value]} pair. */
    static String vector(String... labelsAndValues) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            if (i > 0) {
                result.append(',');
            }
            result.append("{\"metric\":").append(labelsAndValues[i]).append(",\"value\":[1732530000.781,\"")
                    .append(labelsAndValues[i + 1]).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    static String scalar(String value) {
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1732530000.781,\"" + value
                + "\"]}}";
    }

    static String error(String errorType, String error) {
        return "{\"status\":\"error\",\"errorType\":\"" + errorType + "\",\"error\":\"" + error.replace("\"", "\\\"")
                + "\"}";
    }
}
