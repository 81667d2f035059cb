package io.dataos.upgrade.notify;

/** Why stakeholders are written to: an upgrade ahead, a rollback under way, or the debrief after one. */
public enum NoticeKind {
    ANNOUNCEMENT("announcement"),
    ROLLBACK("rollback"),
    DEBRIEF("debrief");

    private final String fileName;

    NoticeKind(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }
}
