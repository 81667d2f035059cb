package io.dataos.upgrade.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dataos-upgrade plan}: plans an upgrade or a rollback for review, running nothing. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = "Plan an upgrade or a rollback as a reviewable DAG of runbook actions with a risk assessment."
                + " Nothing is run.",
        subcommands = {PlanUpgradeCommand.class, PlanRollbackCommand.class})
final class PlanCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
