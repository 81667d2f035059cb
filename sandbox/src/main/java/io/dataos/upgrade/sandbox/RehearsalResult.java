package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.RunbookStatus;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a rehearsal went: the upgrade run's status, the rollback run's (null when none was needed),
 * what the manager runs at the end, where the report and journals are, and how long each part took.
 *
 * @param fault the injected fault
 * @param upgrade the upgrade run's status
 * @param failedAction the upgrade action that failed, or null
 * @param rollback the rollback run's status, or null when no rollback ran
 * @param finalRevision the release revision at the end
 * @param finalImageTag the image the manager StatefulSet runs at the end
 * @param asExpected whether the runbook behaved as the fault predicts (rolled back when it should, upgraded otherwise)
 * @param report the rehearsal report (Markdown)
 * @param workDir the rehearsal's directory
 * @param sandboxStart time to start the sandbox API, or the real control plane with {@code --cluster real}
 * @param upgradeTime wall time of the upgrade run (resumption included)
 * @param rollbackTime wall time of the rollback run, zero when none ran
 * @param total wall time of the whole rehearsal
 * @param postgres the real PostgreSQL the rehearsal backed up and restored ("PostgreSQL 15.x at user@host:port/db")
 * @param postgresDirectory the server's directory (data, socket, log); gone after the run when the rehearsal owned it
 * @param badWrites what the injected fault wrote into the database after the backup, or null
 * @param cluster where it ran: {@code sandbox}, or the real control plane (API server, etcd, kwok and helm versions)
 */
public record RehearsalResult(
        RehearsalFault fault,
        RunbookStatus upgrade,
        String failedAction,
        RunbookStatus rollback,
        int finalRevision,
        String finalImageTag,
        boolean asExpected,
        Path report,
        Path workDir,
        Duration sandboxStart,
        Duration upgradeTime,
        Duration rollbackTime,
        Duration total,
        String postgres,
        Path postgresDirectory,
        RehearsalDatabase.BadWrites badWrites,
        String cluster) {}
