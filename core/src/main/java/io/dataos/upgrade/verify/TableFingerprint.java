package io.dataos.upgrade.verify;

import java.util.Objects;

/**
 * What a critical table held at one moment: its row count and a checksum of its rows that does not
 * depend on their physical order (md5 over the sorted md5 of every row's text form).
 */
public record TableFingerprint(String table, long rows, String checksum) {

    public TableFingerprint {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(checksum, "checksum");
    }
}
