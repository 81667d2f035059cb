package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.cli.DataosUpgradeCommand;
import io.dataos.upgrade.cli.EngineProcess;
import picocli.CommandLine;

/**
 * The rehearsal jar's entry point: the engine's whole command line plus {@code rehearse}, so that
 * {@code ./dataos-upgrade rehearse} and every other command behave alike whichever jar runs them.
 */
public final class RehearsalCommandLine {

    private RehearsalCommandLine() {
    }

    public static void main(String[] args) {
        System.exit(EngineProcess.execute(newCommandLine(), args));
    }

    /** The engine's command line with {@code rehearse} added; its help lists rehearse instead of pointing here. */
    public static CommandLine newCommandLine() {
        CommandLine commandLine = DataosUpgradeCommand.newCommandLine();
        commandLine.getCommandSpec().usageMessage().footer(new String[0]);
        commandLine.addSubcommand("rehearse", new RehearseCommand());
        return commandLine;
    }
}
