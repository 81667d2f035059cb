package io.dataos.upgrade.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.RollbackPlanner;
import io.dataos.upgrade.plan.UpgradePlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The production handlers accept every action the planners emit for the example releases. */
class RunbookHandlersTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

    private static Path example(String name) {
        return Path.of("..", "examples", name);
    }

    private static RunbookSettings exampleSettings() throws Exception {
        return RunbookSettings.parse("examples/dataos-upgrade.yaml",
                Files.readAllBytes(example("dataos-upgrade.yaml")));
    }

    private static Plan rollbackPlan() throws Exception {
        return new RollbackPlanner().plan(Manifests.readPlatformState(example("installed-1.5.yaml")),
                Manifests.read(example("release-1.4.yaml")));
    }

    @Test
    void theExampleSettingsCarryOutEveryActionOfTheExamplePlans() throws Exception {
        PlatformState installed = Manifests.readPlatformState(example("installed-1.4.yaml"));
        Plan upgrade = new UpgradePlanner(CLOCK).plan(installed, Manifests.readRelease(example("release-1.5.yaml")));
        Plan rollback = rollbackPlan();
        Set<ActionKind> kinds = EnumSet.noneOf(ActionKind.class);
        for (Plan plan : new Plan[] {upgrade, rollback}) {
            RunbookHandlers.forPlan(exampleSettings(), plan, "run-1", "config/dataos-manager-values.yaml",
                    "examples/installed-1.4.yaml", installed, CLOCK).check(plan.id(), plan.actions());
            plan.actions().stream().map(PlanAction::kind).forEach(kinds::add);
        }
        // the two example plans between them use every kind the planners know, but the two gates only some
        // platforms get (no restore source at all; a component moving the wrong way), which need no settings
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(
                ActionKind.KEEP_POSTGRES_DATA, ActionKind.CONFIRM_WRONG_WAY)));
    }

    @Test
    void defaultSettingsRefuseTheSiteStepsNamingTheSettingsField() throws Exception {
        Plan rollback = rollbackPlan();
        RunbookSettings none = RunbookSettings.defaults();

        assertThatThrownBy(() -> RunbookHandlers.forPlan(none, rollback, "run-1", "values.yaml", null, null, CLOCK)
                .check(rollback.id(), rollback.actions()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("(default settings): commands.")
                .hasMessageContaining("is missing: the plan has");
        Set<String> siteKinds = rollback.actions().stream().map(a -> a.kind().name()).collect(Collectors.toSet());
        assertThat(siteKinds).contains("REMOVE_STACK", "REINSTALL_STACK", "REVERT_CLUSTER_IMAGE", "ROLLBACK_COMPONENT",
                "REMOVE_COMPONENT");
    }

    @Test
    void aComponentsOwnNamespaceReachesTheSiteCommandTemplate() throws Exception {
        Plan plan = new RollbackPlanner().plan(
                io.dataos.upgrade.Fixtures.platform("1.5.0").coreIn("poros", "1.10.1", "poros-system")
                        .core("metis", "3.0.1").kubernetes("1.28").iac("3.1.0").postgres("15.4", null).state(),
                io.dataos.upgrade.Fixtures.platform("1.4.0").coreIn("poros", "1.10.0", "poros-system")
                        .core("metis", "3.0.0").kubernetes("1.28").iac("3.1.0").postgres("15.4", null).release());
        RunbookSettings settings = exampleSettings();
        SiteCommandHandler handler = new SiteCommandHandler(new RunbookRun(settings, plan, "run-1", null, null, null,
                true, null, null, java.util.List.of()));
        java.util.List<String> template = settings.command(ActionKind.ROLLBACK_COMPONENT).run();

        PlanAction poros = plan.actions().stream().filter(a -> a.id().equals("core-kernel.rollback-component.poros"))
                .findFirst().orElseThrow();
        PlanAction metis = plan.actions().stream().filter(a -> a.id().equals("core-kernel.rollback-component.metis"))
                .findFirst().orElseThrow();
        assertThat(RunbookSettings.CommandTemplate.substitute(template, handler.values(poros)))
                .containsExactly("./ops/core-component.sh", "rollback", "poros", "1.10.1", "1.10.0", "poros-system");
        assertThat(RunbookSettings.CommandTemplate.substitute(template, handler.values(metis)))
                .endsWith("dataos-manager");
    }
}
