package io.dataos.upgrade.cli;

import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.UpgradePlanner;
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
        MaintenanceWindow agreed = window == null ? null
                : MaintenanceWindow.parse(window, clock.instant(), "command line", "--window");
        PlatformState state = Manifests.readPlatformState(installed);
        Release target = Manifests.readRelease(release);
        UpgradePlanner planner = new UpgradePlanner(clock);
        Plan plan = (checks == null ? planner : planner.withChecks(checks)).plan(state, target, agreed);
        output.emit(plan, "upgrade", agreed == null ? null : agreed.spec(), spec.commandLine());
        return 0;
    }
}
