package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which fault a rehearsal injects into the upgrade, so the runbook's failure paths get exercised. */
public enum RehearsalFault {
    /** No fault: the upgrade validates and no rollback is needed. */
    NONE("none"),
    /** The upgraded manager never becomes ready: validation fails and the rollback runs. */
    VALIDATION("validation"),
    /** The API refuses the upgraded StatefulSet: the helm upgrade itself fails and the rollback runs. */
    HELM_FAILURE("helm-failure"),
    /** The run "crashes" right after the helm upgrade; the resumed run finds it done and goes on. */
    CRASH_AND_RESUME("crash-and-resume");

    private final String option;

    RehearsalFault(String option) {
        this.option = option;
    }

    /** The name used on the command line. */
    public String option() {
        return option;
    }

    /** The fault named {@code option} (case-insensitive); refuses others, listing the choices. */
    public static RehearsalFault fromOption(String option, String source) {
        for (RehearsalFault fault : values()) {
            if (fault.option.equalsIgnoreCase(option == null ? "" : option.trim())) {
                return fault;
            }
        }
        throw new InvalidInputException(source, "fault", "'" + option + "' is not a rehearsal fault: use one of "
                + Arrays.stream(values()).map(RehearsalFault::option).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return option.toLowerCase(Locale.ROOT);
    }
}
