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

/** {@code dataos-upgrade plan upgrade}: the five-phase upgrade plan from the installed state to a release. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = "Plan the upgrade from the installed platform state to a release: release notes and"
                + " announcement, window approval, pre-checks, backup and restore check, manager tag update, Helm"
                + " upgrade, validation.")
final class PlanUpgradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--installed", required = true, paramLabel = "STATE.yaml",
            description = "What runs now (kind: PlatformState).")
    Path installed;

    @Option(names = "--release", required = true, paramLabel = "RELEASE.yaml",
            description = "The release to upgrade to (kind: Release).")
    Path release;

    @Option(names = "--window", paramLabel = "WINDOW",
            description = "Maintenance window, e.g. 'SAT 02:00-06:00 UTC' or '2026-11-28T02:00Z/2026-11-28T06:00Z';"
                    + " overrides the installed state's maintenanceWindow.")
    String window;

    @Option(names = "--checks", paramLabel = "CHECKS.yaml",
            description = "Workspace-relative checks file the post-upgrade validation runs (docs/verification.md);"
                    + " needed before the plan can be run.")
    String checks;

    @Mixin
    PlanOutput output;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        output.emit(new PlanRunbook(clock), PlanRequest.upgrade(installed, release)
                .withWindow(window, "command line", "--window").withChecks(checks), spec.commandLine());
        return 0;
    }
}
