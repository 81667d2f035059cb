package io.dataos.upgrade.run;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One upgrade or rollback per release at a time: a lock file in the workspace
 * ({@code .dataos-upgrade/locks/<release>.lock}) created atomically and holding who runs. A lock
 * whose holder died on this host, or that is older than the configured limit, is stale and is
 * taken over: under a claim file only one contender can create, the contender checks the lock is
 * still the stale one, replaces it, and reports whom it took over from so the run journals it.
 */
public final class RunLock {

    /** Where locks live, relative to the workspace. */
    public static final String LOCKS_DIR = ".dataos-upgrade/locks";
    /** A lock older than this is stale unless configured otherwise: longer than any real upgrade window. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofHours(12);

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Duration ABANDONED_CLAIM = Duration.ofMinutes(5);
    private static final int ROUNDS = 8;

    private final Workspace workspace;
    private final String name;
    private final String file;
    private final LockHolder holder;
    private final byte[] content;
    private final LockHolder takenOverFrom;
    private final String takeOverReason;
    private boolean released;

    private RunLock(Workspace workspace, String name, LockHolder holder, byte[] content, LockHolder takenOverFrom,
            String takeOverReason) {
        this.workspace = workspace;
        this.name = name;
        this.file = fileOf(name);
        this.holder = holder;
        this.content = content;
        this.takenOverFrom = takenOverFrom;
        this.takeOverReason = takeOverReason;
    }

    /** The lock file of release {@code name}, relative to the workspace. */
    public static String fileOf(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new InvalidInputException("lock", "release", "'" + name + "' cannot name a release lock: use 1 to"
                    + " 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return LOCKS_DIR + "/" + name + ".lock";
    }

    /**
     * Takes the lock of release {@code name} for {@code me}.
     *
     * @param staleAfter a lock older than this is taken over even if its holder seems alive
     * @throws RunLockedException naming the holder when a live run holds it
     */
    public static RunLock acquire(Workspace workspace, String name, LockHolder me, Duration staleAfter, Clock clock)
            throws IOException, InterruptedException {
        String file = fileOf(name);
        byte[] mine = me.toBytes();
        LockHolder lastSeen = null;
        for (int round = 0; round < ROUNDS; round++) {
            if (workspace.createExclusive(file, mine)) {
                return new RunLock(workspace, name, me, mine, null, null);
            }
            byte[] existing = readIfPresent(workspace, file);
            if (existing == null) {
                continue; // released between our attempt and our look: try again
            }
            LockHolder holder = LockHolder.parse(existing);
            if (holder == null) {
                throw new RunLockedException(name, file, null, "the lock file is not readable as a lock");
            }
            lastSeen = holder;
            String stale = staleness(holder, staleAfter, clock);
            if (stale == null) {
                throw new RunLockedException(name, file, holder, null);
            }
            RunLock taken = takeOver(workspace, name, file, existing, holder, stale, me, mine, clock);
            if (taken != null) {
                return taken;
            }
            Thread.sleep(20L * (round + 1)); // another contender is mid take-over: look again shortly
        }
        byte[] now = readIfPresent(workspace, file);
        LockHolder holder = now == null ? lastSeen : LockHolder.parse(now);
        throw new RunLockedException(name, file, holder, "another run was taking the lock over at the same time");
    }

    /**
     * Why {@code holder}'s lock is stale, or null when it is not: its process is gone from this host
     * (or the pid now belongs to another program), or it is older than {@code staleAfter}.
     */
    static String staleness(LockHolder holder, Duration staleAfter, Clock clock) {
        if (holder.host().equals(LocalHost.name()) && !LocalHost.isAlive(holder.pid(), holder.processStart())) {
            return "its process " + holder.pid() + " is no longer running on " + holder.host();
        }
        Duration age = Duration.between(holder.startedAt(), clock.instant());
        if (age.compareTo(staleAfter) > 0) {
            return "it is older than the stale-lock limit of " + staleAfter + " (taken at " + holder.startedAt() + ")";
        }
        return null;
    }

    private static RunLock takeOver(Workspace workspace, String name, String file, byte[] stale, LockHolder holder,
            String reason, LockHolder me, byte[] mine, Clock clock) throws IOException, InterruptedException {
        String prefix = file + ".takeover-" + fingerprint(stale) + "-";
        // A claim is per stale lock instance; a claim whose claimant died is passed over, not deleted,
        // so two contenders never both believe they hold the same claim.
        for (int generation = 0; generation < 16; generation++) {
            String claim = prefix + generation;
            if (!workspace.createExclusive(claim, mine)) {
                byte[] other = readIfPresent(workspace, claim);
                LockHolder claimant = other == null ? null : LockHolder.parse(other);
                if (claimant == null || staleness(claimant, ABANDONED_CLAIM, clock) != null) {
                    continue;
                }
                return null; // a live contender is taking it over
            }
            try {
                byte[] again = readIfPresent(workspace, file);
                if (again == null || !Arrays.equals(again, stale)) {
                    return null; // already released or replaced: the caller looks again
                }
                // Replace the stale lock in place rather than delete and re-create it: the lock file
                // never goes missing, so no other run can take it as free in between (only the
                // claimant gets here, and write() replaces the whole file).
                workspace.write(file, mine);
                return new RunLock(workspace, name, me, mine, holder, reason);
            } finally {
                workspace.delete(claim);
                for (int older = 0; older < generation; older++) {
                    workspace.delete(prefix + older);
                }
            }
        }
        return null;
    }

    private static byte[] readIfPresent(Workspace workspace, String file) throws IOException, InterruptedException {
        try {
            return workspace.exists(file) ? workspace.read(file) : null;
        } catch (java.nio.file.NoSuchFileException gone) {
            return null;
        }
    }

    private static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The lock file, relative to the workspace. */
    public String file() {
        return file;
    }

    public LockHolder holder() {
        return holder;
    }

    /** The dead or expired holder this lock was taken over from, or null when the lock was free. */
    public LockHolder takenOverFrom() {
        return takenOverFrom;
    }

    /** Why the previous holder's lock was judged stale, or null. */
    public String takeOverReason() {
        return takeOverReason;
    }

    /**
     * Gives the lock up, unless someone has since taken it over (then the file is theirs and stays).
     */
    public synchronized void release() throws IOException, InterruptedException {
        if (released) {
            return;
        }
        released = true;
        byte[] now = readIfPresent(workspace, file);
        if (now != null && Arrays.equals(now, content)) {
            workspace.delete(file);
        }
    }
}
