package io.dataos.upgrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dataos-upgrade} command: the runbook's plan, upgrade, verify, rollback and report
 * from a terminal. Exit codes: 0 ok, 1 the runbook failed, 2 invalid input, 3 waiting for a gate's approval.
 */
@Command(
        name = "dataos-upgrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "DataOS upgrade and rollback runbook: plan, upgrade, verify, rollback, report.",
        subcommands = {CommandLine.HelpCommand.class, PlanCommand.class, UpgradeCommand.class, RollbackCommand.class,
            VerifyCommand.class, ReportCommand.class, RunPlanCommand.class, RehearseCommand.class})
public final class DataosUpgradeCommand implements Runnable {

    /** Exit code for a runbook that ran and failed. */
    public static final int EXIT_FAILED = 1;
    /** Exit code for input that was refused before anything ran. */
    public static final int EXIT_INVALID_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with its exit-code mapping, shared by {@link #main} and the tests. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new DataosUpgradeCommand());
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setExecutionExceptionHandler(ExitCodes::report);
        return commandLine;
    }
}
