package io.dataos.upgrade.backup;

import io.dataos.upgrade.postgres.TableFingerprint;
import java.util.Map;

/**
 * The proof that a kit's PostgreSQL dump restores: it was restored into {@code scratchDatabase}
 * (dropped afterwards), and these are the restored tables' row counts and checksums, the baseline
 * for later data-integrity checks. Written as {@code restore-check.json} in the kit.
 */
public record RestoreCheck(String runId, String checkedAt, String scratchDatabase, int tocEntries,
        Map<String, TableFingerprint> tables) {

    public RestoreCheck {
        tables = Map.copyOf(tables);
    }
}
