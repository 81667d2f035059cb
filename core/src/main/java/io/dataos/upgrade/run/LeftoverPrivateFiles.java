package io.dataos.upgrade.run;

import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Removes the short-lived private files (the Prime API key overlay) that earlier runs left in their run
 * folders when they were killed before their {@code finally} could: a later run of the release, holding
 * its lock, calls this before anything else, whether it resumes that run, rolls back or starts another, and
 * again when it ends. Folders of runs that hold a lock of their own (another release's live run) are left
 * alone, and so is an overlay a killed run's command, still running on this host, may not have read yet.
 */
public final class LeftoverPrivateFiles {

    private LeftoverPrivateFiles() {
    }

    /**
     * Deletes every file called one of {@code names} directly in a run folder under {@value Journal#RUNS_DIR}.
     *
     * @param ownLock the lock the caller holds (its own run's folder is cleaned too: it is not running twice)
     * @return the workspace paths removed
     */
    public static List<String> remove(Workspace workspace, Collection<String> names, RunLock ownLock,
            Consumer<String> log) throws IOException, InterruptedException {
        Set<String> lockedElsewhere = new HashSet<>();
        for (String lockFile : workspace.list(RunLock.LOCKS_DIR)) {
            String path = RunLock.LOCKS_DIR + "/" + lockFile;
            if (ownLock != null && path.equals(ownLock.file())) {
                continue;
            }
            LockHolder holder = workspace.exists(path) ? LockHolder.parse(workspace.read(path)) : null;
            if (holder != null) {
                lockedElsewhere.add(holder.runId());
            }
        }
        List<String> removed = new ArrayList<>();
        for (String run : workspace.list(Journal.RUNS_DIR)) {
            if (lockedElsewhere.contains(run)) {
                continue;
            }
            Boolean running = null;
            for (String name : names) {
                String file = Journal.RUNS_DIR + "/" + run + "/" + name;
                if (workspace.exists(file)) {
                    if (running == null) {
                        running = commandStillRunning(workspace, run);
                    }
                    if (running) {
                        log.accept("left " + file + " in place: a command of killed run '" + run + "' still runs"
                                + " and may read it; the next run of the release removes it");
                        continue;
                    }
                    workspace.delete(file);
                    removed.add(file);
                    log.accept("removed " + file + ", a private file run '" + run
                            + "' left behind when it was stopped");
                }
            }
        }
        return removed;
    }

    /**
     * Whether a command the killed run started on this host is still running (its journaled pid, or a
     * process carrying its tag): the killed helm may not have read the overlay yet. The resume of that
     * run waits for it and then removes the overlay itself.
     */
    private static boolean commandStillRunning(Workspace workspace, String run)
            throws IOException, InterruptedException {
        RunHistory history;
        try {
            history = JournalReader.read(workspace, run);
        } catch (RuntimeException unreadable) {
            return false; // not a journal this version reads: nothing of it can be running under our lock
        }
        for (RunHistory.ActionRecord action : history.actions().values()) {
            for (RunHistory.OpenCommand command : action.openCommands()) {
                if (LocalHost.name().equals(command.host())
                        && (LocalHost.isAlive(command.pid(), command.processStart())
                                || !LocalHost.processesWithEnv(ActionContext.COMMAND_TAG_ENV, command.tag()).isEmpty())) {
                    return true;
                }
            }
        }
        return false;
    }
}
