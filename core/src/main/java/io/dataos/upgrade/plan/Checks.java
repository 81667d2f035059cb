package io.dataos.upgrade.plan;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Identifiers;
import java.util.List;

/** The checks file a plan's validation or verification runs: checked path, or a note that it is missing. */
final class Checks {

    private Checks() {}

    static String requireValid(String checksFile) {
        if (checksFile == null) {
            return null;
        }
        String problem = Identifiers.relativePathProblem(checksFile);
        if (problem != null) {
            throw new InvalidInputException("checks file", "checks", problem);
        }
        return checksFile;
    }

    static void noteIfMissing(String checksFile, List<String> notes, String actionId) {
        if (checksFile == null) {
            notes.add(actionId + " has no checks file: plan again with one (CLI --checks, step checks:) before"
                    + " running the plan; see docs/verification.md");
        }
    }
}
