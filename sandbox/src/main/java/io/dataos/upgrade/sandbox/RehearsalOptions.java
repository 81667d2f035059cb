package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to rehearse: where to leave the files, which fault to inject, and the manager versions
 * before and after the upgrade.
 *
 * @param workDir where the rehearsal writes its kubeconfig, workspace (journals, backups, plans) and reports
 * @param fault the fault injected into the upgrade
 * @param fromTag the dataos-manager image tag installed before the upgrade
 * @param toTag the image tag the upgrade moves to
 */
public record RehearsalOptions(Path workDir, RehearsalFault fault, String fromTag, String toTag) {

    /** Image tags as Docker accepts them; anything else is refused before the rehearsal starts. */
    private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    private static final String SOURCE = "rehearse";

    public RehearsalOptions {
        Objects.requireNonNull(workDir, "workDir");
        fault = fault == null ? RehearsalFault.VALIDATION : fault;
        requireTag("from-tag", fromTag);
        requireTag("to-tag", toTag);
        if (fromTag.equals(toTag)) {
            throw new InvalidInputException(SOURCE, "to-tag", "is the same as from-tag (" + fromTag
                    + "): an upgrade needs a different version");
        }
    }

    /** The runbook's scenario: 1.4.0 → 1.5.0 with a validation fault. */
    public static RehearsalOptions defaults(Path workDir) {
        return new RehearsalOptions(workDir, RehearsalFault.VALIDATION, "1.4.0", "1.5.0");
    }

    private static void requireTag(String field, String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new InvalidInputException(SOURCE, field, "'" + tag + "' is not an image tag: use letters, digits,"
                    + " '.', '_' and '-' (at most 128), e.g. 1.5.0");
        }
    }
}
