package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.VerifyRequest;
import io.dataos.upgrade.api.VerifyResult;
import io.dataos.upgrade.api.VerifyRunbook;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataos-upgrade verify}: post-upgrade validation or post-rollback verification on its own. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {"Run the checks of a checks file (docs/verification.md) and write verification.json, .md and"
                + " JUnit XML.", "Exit codes: 0 every check passed, 1 a check failed, 2 invalid input."})
final class VerifyCommand implements Callable<Integer> {

    /** Accepts postUpgrade/postRollback (and the enum names). */
    static final class PurposeConverter implements CommandLine.ITypeConverter<VerifyRequest.Purpose> {
        @Override
        public VerifyRequest.Purpose convert(String value) {
            String v = value.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            return switch (v) {
                case "postupgrade", "upgrade" -> VerifyRequest.Purpose.POST_UPGRADE;
                case "postrollback", "rollback" -> VerifyRequest.Purpose.POST_ROLLBACK;
                default -> throw new CommandLine.TypeConversionException("'" + value + "' is not a purpose: use"
                        + " postUpgrade or postRollback");
            };
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunbookOptions options;

    @Option(names = "--checks", paramLabel = "CHECKS.yaml",
            description = "The checks file. Default: checks of the settings.")
    Path checks;

    @Option(names = "--purpose", paramLabel = "postUpgrade|postRollback", converter = PurposeConverter.class,
            description = "Which checks apply (their 'when'). Default: postUpgrade.")
    VerifyRequest.Purpose purpose;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Directory for verification.json/.md/-junit.xml. Default: <stateDir>/verify.")
    Path out;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the JUnit XML here.")
    Path junit;

    @Option(names = "--timeout-minutes", paramLabel = "N",
            description = "Stop the checks when they take longer than this in all (exit 1). Default: "
                    + VerifyRequest.DEFAULT_TIMEOUT_MINUTES + ".")
    Integer timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        RunbookOptions.positiveMinutes(timeoutMinutes);
        VerifyResult result = new VerifyRunbook(options.ports(cli, null)).run(new VerifyRequest(
                options.inWorkspace(checks, "--checks"), options.settings(), purpose,
                options.inWorkspace(out, "--out"), options.inWorkspace(junit, "--junit"),
                options.overrides(null, null, null, null), timeoutMinutes));
        if (options.format == RunbookOptions.Format.JSON) {
            options.printJson(cli, result.toMap());
        } else {
            // each check's outcome and the summary line were printed as progress while the checks ran
            PrintWriter o = cli.getOut();
            o.println("  JUnit XML: " + result.junit() + "  Markdown: " + result.markdown());
            o.flush();
        }
        return result.passed() ? 0 : DataosUpgradeCommand.EXIT_FAILED;
    }
}
