package io.dataos.upgrade.verify;

/** What one probe found, before the runner adds timing and masking. */
record Outcome(CheckStatus status, String message, String evidence) {

    static Outcome passed(String message, String evidence) {
        return new Outcome(CheckStatus.PASSED, message, evidence);
    }

    static Outcome failed(String message, String evidence) {
        return new Outcome(CheckStatus.FAILED, message, evidence);
    }

    static Outcome error(String message, String evidence) {
        return new Outcome(CheckStatus.ERROR, message, evidence);
    }
}
