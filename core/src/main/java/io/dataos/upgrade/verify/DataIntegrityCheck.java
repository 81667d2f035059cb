package io.dataos.upgrade.verify;

import io.dataos.upgrade.secret.SecretNames;
import java.util.List;
import java.util.Objects;

/**
 * Compares the configured critical tables of a PostgreSQL database with the baseline captured
 * before the change ({@code baseline} is a workspace path, usually inside the run's backup kit). The
 * password comes from the secret provider under {@code passwordSecret}.
 */
public record DataIntegrityCheck(CheckBasics basics, String jdbcUrl, String user, String passwordSecret,
        List<String> tables, String baseline, IntegrityComparison compare) implements Check {

    public DataIntegrityCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(baseline, "baseline");
        passwordSecret = passwordSecret == null ? SecretNames.POSTGRES_PASSWORD : passwordSecret;
        tables = List.copyOf(tables);
        compare = compare == null ? IntegrityComparison.CHECKSUM : compare;
    }

    @Override
    public CheckType type() {
        return CheckType.DATA_INTEGRITY;
    }
}
