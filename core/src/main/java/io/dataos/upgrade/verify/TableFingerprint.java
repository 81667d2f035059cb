package io.dataos.upgrade.verify;

import java.util.Objects;

/**
 * What a critical table held at one moment: its row count and a checksum of its rows that does not
 * depend on their physical order (see {@link CriticalTables} for how it is computed).
 */
public record TableFingerprint(String table, long rows, String checksum) {

    public TableFingerprint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(checksum, "checksum");
    }
}
