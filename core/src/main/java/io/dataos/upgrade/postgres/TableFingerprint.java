package io.dataos.upgrade.postgres;

/**
 * A table's row count and an MD5 over its rows in a stable order: two databases whose fingerprints
 * are equal hold the same data in that table. Used to prove a restore and for data-integrity checks.
 */
public record TableFingerprint(String table, long rows, String md5) {
}
