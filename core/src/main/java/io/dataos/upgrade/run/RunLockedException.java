package io.dataos.upgrade.run;

/**
 * Another upgrade or rollback of the same release holds its run lock; nothing was run. The
 * message names the holder and the lock file.
 */
public final class RunLockedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient LockHolder holder;

    public RunLockedException(String lock, String file, LockHolder holder, String detail) {
        super("release '" + lock + "' is locked by " + (holder == null ? "an unreadable lock" : holder.describe())
                + " (lock file " + file + ")" + (detail == null ? "" : ": " + detail)
                + ": only one upgrade or rollback of a release may run at a time; wait for it to finish."
                + " If that run is dead on another host, make sure it is, then delete the lock file");
        this.holder = holder;
    }

    /** The holder, or null when the lock file could not be read. */
    public LockHolder holder() {
        return holder;
    }
}
