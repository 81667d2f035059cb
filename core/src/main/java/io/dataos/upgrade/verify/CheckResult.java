package io.dataos.upgrade.verify;

import io.dataos.upgrade.model.Layer;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of one check, as data: which check, the DataOS layer it verifies (null when it
 * belongs to none), how it ended, a one-line message saying why, the evidence captured while it ran
 * (command output, HTTP status and body, query samples, table counts; already masked) and how long it
 * took. {@code critical} checks count towards a rollback recommendation.
 */
public record CheckResult(
        String name,
        CheckType type,
        Layer layer,
        CheckStatus status,
        String message,
        String evidence,
        Duration duration,
        boolean critical) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        evidence = evidence == null ? "" : evidence;
        duration = duration == null ? Duration.ZERO : duration;
    }
}
