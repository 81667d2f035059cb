package io.dataos.upgrade.api;

import java.io.IOException;
import java.util.List;

/**
 * The directory a run reads its inputs from and leaves its plan, journal, backups and reports in.
 * Paths are relative, '/'-separated and may not leave the workspace. The CLI uses a local
 * directory; the Jenkins plugin uses the build's workspace on the agent (FilePath), so nothing is
 * written on the controller's disk.
 */
public interface Workspace {

    /** The absolute path of {@code relative} as the commands run by this workspace's runner see it. */
    String absolute(String relative);

    boolean exists(String relative) throws IOException, InterruptedException;

    byte[] read(String relative) throws IOException, InterruptedException;

    /**
     * The first {@code maxBytes + 1} bytes at most, so that a caller learns a file is too large by
     * reading, never by asking its size (a device such as /dev/zero reports 0 and never ends).
     * Workspaces that can stop reading early override this default, which reads the whole file.
     */
    default byte[] readAtMost(String relative, int maxBytes) throws IOException, InterruptedException {
        byte[] all = read(relative);
        return all.length > maxBytes ? java.util.Arrays.copyOf(all, maxBytes + 1) : all;
    }

    /** Writes the whole file, creating parent directories; readable by others as the umask allows. */
    void write(String relative, byte[] content) throws IOException, InterruptedException;

    /** Writes the whole file readable and writable by its owner only (mode 0600). */
    void writePrivate(String relative, byte[] content) throws IOException, InterruptedException;

    /** Appends to the file and makes the bytes durable before returning (journal events). */
    void append(String relative, byte[] content) throws IOException, InterruptedException;

    /**
     * Creates the file with {@code content} only if nothing exists at that path, atomically: of two
     * callers racing for the same path exactly one gets {@code true}, and no reader ever sees the
     * file half-written. Used for locks. Workspaces that cannot do this leave the default, which
     * refuses, so a lock is never silently taken without mutual exclusion.
     *
     * @return {@code true} when this call created the file, {@code false} when it already existed
     */
    default boolean createExclusive(String relative, byte[] content) throws IOException, InterruptedException {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot create files exclusively, so it cannot hold run locks: implement createExclusive");
    }

    /** Deletes a file or a directory tree; no error when it does not exist. */
    void delete(String relative) throws IOException, InterruptedException;

    void mkdirs(String relative) throws IOException, InterruptedException;

    /** Names of the direct children of a directory, sorted; empty when it does not exist. */
    List<String> list(String relative) throws IOException, InterruptedException;
}
