package io.dataos.upgrade.metrics;

/**
 * A PromQL query got no usable answer: the server could not be reached or answered too late, it
 * returned its error format ({@code errorType}/{@code error}), or an answer that is not the
 * Prometheus API format.
 */
public final class PrometheusQueryException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the query failed. */
    public enum Reason {
        UNREACHABLE,
        TIMEOUT,
        API_ERROR,
        BAD_RESPONSE
    }

    private final Reason reason;
    private final String responseBody;

    public PrometheusQueryException(Reason reason, String message, String responseBody) {
        super(message);
        this.reason = reason;
        this.responseBody = responseBody == null ? "" : responseBody;
    }

    public Reason reason() {
        return reason;
    }

    /** The body the server answered with (bounded), empty when there was none. */
    public String responseBody() {
        return responseBody;
    }
}
