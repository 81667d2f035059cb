package io.dataos.upgrade.run;

import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Takes a release lock in its own process, for the concurrency tests: {@code WORKSPACE RELEASE
 * RUN_ID HOLD_MILLIS [GO_FILE]}. Prints {@code READY}, waits for GO_FILE (so contenders start
 * together), then {@code ACQUIRED <taken over from run or ->} or {@code REFUSED <message>}, and holds
 * an acquired lock for HOLD_MILLIS (forever when negative) before releasing it.
 */
public final class LockProcessMain {

    private LockProcessMain() {}

    public static void main(String[] args) throws Exception {
        LocalWorkspace workspace = new LocalWorkspace(Path.of(args[0]));
        long hold = Long.parseLong(args[3]);
        System.out.println("READY " + ProcessHandle.current().pid());
        System.out.flush();
        if (args.length > 4) {
            Path go = Path.of(args[4]);
            while (!Files.exists(go)) {
                Thread.sleep(2);
            }
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(workspace, args[1], LockHolder.current(args[2], "lock-test", Clock.systemUTC()),
                    Duration.ofHours(12), Clock.systemUTC());
        } catch (RunLockedException refused) {
            System.out.println("REFUSED " + refused.getMessage());
            return;
        }
        System.out.println("ACQUIRED " + (lock.takenOverFrom() == null ? "-" : lock.takenOverFrom().runId()));
        System.out.flush();
        Thread.sleep(hold < 0 ? Long.MAX_VALUE : hold);
        lock.release();
        System.out.println("RELEASED");
    }
}
