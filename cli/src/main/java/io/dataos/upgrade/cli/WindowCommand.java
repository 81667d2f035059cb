package io.dataos.upgrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dataos-upgrade window}: the maintenance window (downtime planning). */
@Command(
        name = "window",
        mixinStandardHelpOptions = true,
        description = "Downtime planning: suggest a low-traffic maintenance window from the platform's traffic.",
        subcommands = {WindowSuggestCommand.class})
final class WindowCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
