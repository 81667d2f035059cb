package io.dataos.upgrade.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A run refused by its preflight: everything its actions need that is missing (command templates,
 * the restore source, the database, the checks file, secrets, approvals by someone else than a
 * gate's approvers), all at once, one per line. Nothing was run or changed.
 */
public final class PreflightException extends InvalidInputException {

    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public PreflightException(List<InvalidInputException> problems) {
        super(problems.get(0).source(), problems.get(0).field(), problems.size() == 1 ? problems.get(0).getMessage()
                : problems.get(0).getMessage() + "\n" + problems.subList(1, problems.size()).stream()
                        .map(InvalidInputException::getMessage).collect(Collectors.joining("\n"))
                        + "\n(" + problems.size() + " problems found before anything ran; nothing was run)", true);
        this.problems = problems.stream().map(InvalidInputException::getMessage).toList();
    }

    /** Every problem, one message each. */
    public List<String> problems() {
        return problems;
    }
}
