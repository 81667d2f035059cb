package io.dataos.upgrade.verify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A custom regression command (argv, never a shell line) that must exit with {@code expectExit};
 * {@code secretEnv} maps environment variable names to secret names, so a test suite can receive a
 * token without it appearing in the checks file or the output. {@code workDir} is a workspace path or
 * null.
 */
public record CommandCheck(CheckBasics basics, List<String> argv, String workDir, Map<String, String> secretEnv,
        int expectExit) implements Check {

    public CommandCheck {
        Objects.requireNonNull(basics, "basics");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        secretEnv = Map.copyOf(secretEnv == null ? Map.of() : secretEnv);
    }

    @Override
    public CheckType type() {
        return CheckType.COMMAND;
    }
}
