package io.dataos.upgrade.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to plan: an upgrade from the installed platform state to a release, or a rollback from it to
 * a release or a platform state recorded before the upgrade; optionally the maintenance window (its
 * spec, and the argument it came from, for messages), the workspace-relative checks file the plan's
 * verification runs, and a folder to write {@code plan.json} and {@code plan.md} into.
 *
 * @param operation upgrade or rollback
 * @param installed the platform state installed now (kind: PlatformState)
 * @param target the release to upgrade to; for a rollback a release or a platform state
 * @param window the maintenance window's spec, or null
 * @param windowSource who gave the window (a file, {@code command line}), for messages
 * @param windowField the argument or field that held it, for messages
 * @param checks the checks file, or null
 * @param outDir where to write both renderings, or null to write nothing
 * @param suggestWindow where to read traffic for a suggested window when none is given (an upgrade
 *     without {@code window} and without the installed state's {@code maintenanceWindow}), or null
 */
public record PlanRequest(Operation operation, Path installed, Path target, String window, String windowSource,
        String windowField, String checks, Path outDir, WindowRequest suggestWindow) {

    /** The two kinds of plan. */
    public enum Operation {
        UPGRADE,
        ROLLBACK;

        /** {@code upgrade} or {@code rollback}, as results and messages say it. */
        public String type() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PlanRequest {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(target, "target");
        windowSource = windowSource == null ? "plan request" : windowSource;
        windowField = windowField == null ? "maintenanceWindow" : windowField;
    }

    public PlanRequest(Operation operation, Path installed, Path target, String window, String windowSource,
            String windowField, String checks, Path outDir) {
        this(operation, installed, target, window, windowSource, windowField, checks, outDir, null);
    }

    /** The upgrade from {@code installed} to {@code release}. */
    public static PlanRequest upgrade(Path installed, Path release) {
        return new PlanRequest(Operation.UPGRADE, installed, release, null, null, null, null, null);
    }

    /** The rollback from {@code installed} to {@code target} (a release or a recorded platform state). */
    public static PlanRequest rollback(Path installed, Path target) {
        return new PlanRequest(Operation.ROLLBACK, installed, target, null, null, null, null, null);
    }

    /** With the maintenance window {@code spec} (null: none), given by {@code source} in {@code field}. */
    public PlanRequest withWindow(String spec, String source, String field) {
        return new PlanRequest(operation, installed, target, spec, source, field, checks, outDir, suggestWindow);
    }

    public PlanRequest withChecks(String value) {
        return new PlanRequest(operation, installed, target, window, windowSource, windowField, value, outDir,
                suggestWindow);
    }

    public PlanRequest withOutDir(Path value) {
        return new PlanRequest(operation, installed, target, window, windowSource, windowField, checks, value,
                suggestWindow);
    }

    /** Suggests the window from traffic ({@code value}, null: none) when none is given. */
    public PlanRequest withSuggestedWindow(WindowRequest value) {
        return new PlanRequest(operation, installed, target, window, windowSource, windowField, checks, outDir,
                value);
    }
}
