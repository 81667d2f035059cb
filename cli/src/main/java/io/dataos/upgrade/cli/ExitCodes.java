package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Maps what went wrong to the CLI's exit codes and prints it without a stack trace: one line on
 * standard error, and with {@code --output json} the contract's error object on standard output.
 */
final class ExitCodes {

    /** Environment variables whose values a crash message must never show (docs/secrets.md). */
    private static final List<String> SECRET_VARIABLES = List.of(
            CliSecrets.environmentName(SecretNames.PRIME_API_KEY),
            CliSecrets.environmentName(SecretNames.POSTGRES_PASSWORD));

    private ExitCodes() {}

    static int of(Throwable failure) {
        return failure instanceof InvalidInputException || failure instanceof CommandLine.ParameterException
                ? DataosUpgradeCommand.EXIT_INVALID_INPUT
                : DataosUpgradeCommand.EXIT_FAILED;
    }

    /** A command threw: invalid input (2) or a crash (1). */
    static int report(Exception failure, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = messageOf(failure);
        commandLine.getErr().println("dataos-upgrade: " + message);
        commandLine.getErr().flush();
        int code = of(failure);
        if (parseResult != null && ResultJson.requested(parseResult.originalArgs())) {
            printError(commandLine, code == DataosUpgradeCommand.EXIT_INVALID_INPUT ? "INVALID_INPUT" : "FAILED",
                    message);
        }
        return code;
    }

    /** picocli refused an argument (unknown option, missing value, bad type): invalid input. */
    static int refuse(CommandLine.ParameterException refused, String[] args) {
        CommandLine commandLine = refused.getCommandLine();
        commandLine.getErr().println("dataos-upgrade: " + refused.getMessage());
        if (args.length > 0 && args[0].equals("rehearse")) {
            commandLine.getErr().println("dataos-upgrade: rehearse is not in the engine jar: run ./dataos-upgrade"
                    + " rehearse, or java -jar the sandbox module's -rehearsal.jar (docs/sandbox.md)");
        }
        // as picocli's own handler: a near miss gets its suggestions, anything else the command's usage
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(refused, commandLine.getErr())) {
            commandLine.usage(commandLine.getErr());
        }
        commandLine.getErr().flush();
        if (ResultJson.requested(args)) {
            printError(commandLine, "INVALID_INPUT", refused.getMessage() + " (see "
                    + commandLine.getCommandSpec().qualifiedName() + " --help)");
        }
        return DataosUpgradeCommand.EXIT_INVALID_INPUT;
    }

    private static void printError(CommandLine commandLine, String status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("error", message);
        // the root's writer: the one the engine process watches to know a result was printed
        ResultJson.print(root(commandLine).getOut(), error);
    }

    private static CommandLine root(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root;
    }

    /**
     * The failure's message with its causes' (an exception's own message often hides the reason), masked
     * with the secrets the environment holds: the crash path is where an unmasked value would leak.
     */
    static String messageOf(Throwable failure) {
        return messageOf(failure, System::getenv);
    }

    static String messageOf(Throwable failure, Function<String, String> environment) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        if (!(failure instanceof InvalidInputException)) {
            for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause();
                    cause = cause.getCause()) {
                if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                    text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ")
                            .append(cause.getMessage()).append(')');
                }
            }
        }
        List<Secret> secrets = new ArrayList<>();
        for (String variable : SECRET_VARIABLES) {
            String value = environment.apply(variable);
            if (value != null && !value.isEmpty()) {
                secrets.add(Secret.of(variable, value));
            }
        }
        return Secret.mask(text.toString(), secrets);
    }
}
