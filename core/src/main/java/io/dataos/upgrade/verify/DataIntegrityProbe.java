package io.dataos.upgrade.verify;

import io.dataos.upgrade.secret.Secret;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fingerprints the critical tables now and compares them with the baseline taken before the change. */
final class DataIntegrityProbe implements Probe<DataIntegrityCheck> {

    @Override
    public Outcome probe(DataIntegrityCheck check, ProbeContext context) throws Exception {
        if (!context.workspace.exists(check.baseline())) {
            return Outcome.error("no baseline at " + check.baseline() + ": capture one before the change"
                    + " (it is stored with the backup kit)", "");
        }
        IntegrityBaseline baseline = IntegrityBaseline.read(context.workspace, check.baseline());
        Secret password = context.secret(check.passwordSecret());
        List<TableFingerprint> now;
        try {
            now = new CriticalTables(check.jdbcUrl(), check.user(), password, check.timeout())
                    .fingerprint(check.tables());
        } catch (SQLException e) {
            return Outcome.error("cannot read the critical tables of " + check.jdbcUrl() + ": " + e.getMessage()
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), "");
        }
        StringBuilder evidence = new StringBuilder("baseline captured ").append(baseline.capturedAt())
                .append(", compared by ").append(check.compare().fileName()).append('\n')
                .append(String.format("%-40s %12s %12s  %s%n", "table", "baseline", "now", "checksum"));
        List<String> differences = new ArrayList<>();
        for (TableFingerprint current : now) {
            Optional<TableFingerprint> before = baseline.table(current.table());
            if (before.isEmpty()) {
                differences.add(current.table() + " is not in the baseline");
                evidence.append(String.format("%-40s %12s %12d  %s%n", current.table(), "-", current.rows(),
                        "not in baseline"));
                continue;
            }
            TableFingerprint b = before.get();
            boolean sameContent = b.checksum().equals(current.checksum());
            evidence.append(String.format("%-40s %12d %12d  %s%n", current.table(), b.rows(), current.rows(),
                    sameContent ? "same" : "differs (" + b.checksum() + " → " + current.checksum() + ")"));
            switch (check.compare()) {
                case CHECKSUM -> {
                    if (b.rows() != current.rows()) {
                        differences.add(current.table() + " has " + current.rows() + " rows, baseline "
                                + b.rows());
                    } else if (!sameContent) {
                        differences.add(current.table() + " has the baseline's " + b.rows()
                                + " rows but different content");
                    }
                }
                case ROW_COUNT -> {
                    if (b.rows() != current.rows()) {
                        differences.add(current.table() + " has " + current.rows() + " rows, baseline "
                                + b.rows());
                    }
                }
                case NO_ROWS_LOST -> {
                    if (current.rows() < b.rows()) {
                        differences.add(current.table() + " lost " + (b.rows() - current.rows()) + " rows ("
                                + current.rows() + " now, baseline " + b.rows() + ")");
                    }
                }
            }
        }
        if (!differences.isEmpty()) {
            return Outcome.failed(String.join("; ", differences), evidence.toString());
        }
        return Outcome.passed(now.size() + " critical table(s) match the baseline of " + baseline.capturedAt()
                + " by " + check.compare().fileName(), evidence.toString());
    }
}
