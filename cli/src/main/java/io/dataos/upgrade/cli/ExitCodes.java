package io.dataos.upgrade.cli;

import io.dataos.upgrade.InvalidInputException;
import picocli.CommandLine;

/** Maps what went wrong to the CLI's exit codes and prints it without a stack trace. */
final class ExitCodes {

    private ExitCodes() {}

    static int of(Throwable failure) {
        return failure instanceof InvalidInputException || failure instanceof CommandLine.ParameterException
                ? DataosUpgradeCommand.EXIT_INVALID_INPUT
                : DataosUpgradeCommand.EXIT_FAILED;
    }

    static int report(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        commandLine.getErr().println("dataos-upgrade: " + failure.getMessage());
        return of(failure);
    }
}
