package io.dataos.upgrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dataos-upgrade} command: the runbook's plan, upgrade, verify, rollback and report
 * from a terminal and for the Jenkins steps. Exit codes (docs/engine-contract.md): 0 ok, 1 the runbook
 * failed, 2 invalid input, 3 waiting for a gate's approval, 130/143 stopped by SIGINT/SIGTERM.
 */
@Command(
        name = "dataos-upgrade",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "DataOS upgrade and rollback runbook: plan, upgrade, verify, rollback, report.",
        subcommands = {CommandLine.HelpCommand.class, PlanCommand.class, UpgradeCommand.class, RollbackCommand.class,
            VerifyCommand.class, ReportCommand.class, WindowCommand.class, RunPlanCommand.class},
        footer = {"", "rehearse (the runbook end to end in an in-process sandbox) is not in this engine jar: run"
                + " ./dataos-upgrade rehearse, or the sandbox module's -rehearsal.jar (docs/sandbox.md)."})
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
        System.exit(EngineProcess.execute(newCommandLine(), args));
    }

    /**
     * The command line with its exit-code mapping and error output, shared by {@link #main}, the
     * rehearsal's command line (which adds {@code rehearse}) and the tests.
     */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = new CommandLine(new DataosUpgradeCommand());
        // an argument such as --reason @notes.txt is taken as written, never replaced by a file's contents
        commandLine.setExpandAtFiles(false);
        commandLine.setExitCodeExceptionMapper(ExitCodes::of);
        commandLine.setExecutionExceptionHandler(ExitCodes::report);
        commandLine.setParameterExceptionHandler(ExitCodes::refuse);
        return commandLine;
    }
}
