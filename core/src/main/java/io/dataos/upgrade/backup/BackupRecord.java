package io.dataos.upgrade.backup;

import java.util.List;

/**
 * What a backup kit holds, written as {@code kit.json} inside it: the run, when, the Helm release
 * as it was (revision, status, chart, app version, history), the platform version installed, the
 * snapshot name the plan gave it, the files of the kit and the database the dump came from. It never contains a secret.
 */
public record BackupRecord(
        String runId,
        String createdAt,
        String platformVersion,
        String snapshot,
        String release,
        String namespace,
        Integer helmRevision,
        String helmStatus,
        String chart,
        String appVersion,
        List<Revision> helmHistory,
        String valuesFile,
        String platformStateFile,
        String database,
        String dumpFile,
        List<String> files) {

    /** One revision of {@code helm history}, without its free-text description. */
    public record Revision(int revision, String status, String chart, String appVersion) {
    }

    public BackupRecord {
        helmHistory = helmHistory == null ? List.of() : List.copyOf(helmHistory);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Whether this kit was taken while {@code version} was installed (platform or dataos-manager app version). */
    public boolean matchesVersion(String version) {
        return version != null && (version.equals(platformVersion) || version.equals(appVersion));
    }
}
