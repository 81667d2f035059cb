package io.dataos.upgrade.backup;

import java.util.List;

/**
 * A backup kit does not match its checksum manifest (a file changed, is truncated or is missing),
 * so it must not be restored or relied on.
 */
public final class CorruptBackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final List<String> files;

    public CorruptBackupException(String kit, List<String> files, String detail) {
        super("backup kit " + kit + " is damaged: " + (files.isEmpty() ? detail : String.join(", ", files)
                + " no longer match MANIFEST.sha256") + "; do not restore from it: take a new backup, or restore"
                + " from another kit");
        this.files = List.copyOf(files);
    }

    /** The kit-relative files whose checksum does not match (or that are missing). */
    public List<String> files() {
        return files;
    }
}
