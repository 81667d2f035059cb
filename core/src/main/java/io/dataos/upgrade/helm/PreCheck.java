package io.dataos.upgrade.helm;

import java.util.List;

/**
 * The outcome of one pre-install check (runbook step 4: "ensure all pre-installation checks are
 * completed"): its name, whether it passed, what was found, and what to do when it did not pass.
 * {@code recovery} is the argv of the documented recovery command when there is one (a release
 * stuck in pending-*: {@code helm rollback} to its last deployed revision), else empty.
 */
public record PreCheck(String name, Outcome outcome, String message, String fix, List<String> recovery) {

    /** Passed; failed (the upgrade must not start); skipped because a check it depends on failed. */
    public enum Outcome {
        PASSED,
        FAILED,
        SKIPPED
    }

    public PreCheck {
        fix = fix == null ? "" : fix;
        recovery = List.copyOf(recovery == null ? List.of() : recovery);
    }

    static PreCheck passed(String name, String message) {
        return new PreCheck(name, Outcome.PASSED, message, "", List.of());
    }

    static PreCheck failed(String name, String message, String fix) {
        return new PreCheck(name, Outcome.FAILED, message, fix, List.of());
    }

    static PreCheck skipped(String name, String why) {
        return new PreCheck(name, Outcome.SKIPPED, why, "", List.of());
    }

    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** One line for logs and reports. */
    public String describe() {
        return outcome + " " + name + ": " + message + (fix.isEmpty() ? "" : " Fix: " + fix);
    }
}
