package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.PlanRequest;
import io.dataos.upgrade.api.PlanRunbook;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataos-upgrade plan rollback}: the top-down rollback plan from the installed state to a target. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Plan the rollback from the installed platform state to a target release: compatibility"
                + " check, backup, stakeholder notice and risk assessment, then User Space, Core Kernel and Cloud"
                + " Kernel top-down, the dataos-manager release, and verification.")
final class PlanRollbackCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--installed", required = true, paramLabel = "STATE.yaml",
            description = "What runs now (kind: PlatformState).")
    Path installed;

    @Option(names = "--target", required = true, paramLabel = "RELEASE.yaml",
            description = "The release to roll back to (kind: Release), or a platform state recorded before the"
                    + " upgrade (kind: PlatformState).")
    Path target;

    @Option(names = "--checks", paramLabel = "CHECKS.yaml",
            description = "Workspace-relative checks file the post-rollback verification runs (docs/verification.md);"
                    + " needed before the plan can be run.")
    String checks;

    @Option(names = "--window", paramLabel = "WINDOW",
            description = "Maintenance window for the rollback ('SAT 02:00-06:00 UTC' or"
                    + " '2026-11-28T02:00Z/PT4H'): checked and reported with the plan (the dataosPlan step's"
                    + " maintenanceWindow); the rollback command enforces none.")
    String window;

    @Mixin
    PlanOutput output;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        output.emit(new PlanRunbook(clock), PlanRequest.rollback(installed, target)
                .withWindow(window, "command line", "--window").withChecks(checks), spec.commandLine());
        return 0;
    }
}
