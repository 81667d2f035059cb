package io.dataos.upgrade.runbook;

import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.helm.HelmRelease;
import io.dataos.upgrade.helm.HelmTarget;
import io.dataos.upgrade.helm.PreCheck;
import io.dataos.upgrade.helm.PreInstallChecks;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.text.TextDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Upgrade step 4, "ensure all pre-installation checks are completed": {@link PreInstallChecks} (helm
 * version, kube context, DataOS namespace, chart resolvable at the target version, release not stuck
 * in {@code pending-*} with the documented recovery, values file) plus the check that the
 * dataos-manager release still runs the chart version the installed state names. The checks only
 * read, so they also run in a dry run. Results go to {@code pre-checks.md} in the run's output
 * directory.
 */
final class PreChecksHandler implements ActionHandler {

    static final String INSTALLED_RELEASE = "installed-release";

    private final RunbookRun run;

    PreChecksHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        HelmTarget target = run.managerTarget();
        HelmClient helm = run.helm(context);
        RunbookSettings.Helm h = run.settings().helm();
        List<PreCheck> checks = new ArrayList<>(new PreInstallChecks(helm, run.kubectl(context), context.workspace())
                .run(new PreInstallChecks.Settings(target, run.valuesFile(), h.namespaceLabel(), h.minimumVersion())));
        checks.add(installedRelease(helm, target, action.params().get(ActionParams.CHART_VERSION)));
        String report = run.outputDir() + "/pre-checks.md";
        if (!context.dryRun()) {
            context.workspace().write(report, render(checks).getBytes(StandardCharsets.UTF_8));
        }
        List<PreCheck> failed = checks.stream().filter(c -> c.outcome() == PreCheck.Outcome.FAILED).toList();
        for (PreCheck check : checks) {
            context.log(check.describe());
        }
        if (failed.isEmpty()) {
            long passed = checks.stream().filter(PreCheck::passed).count();
            return ActionOutcome.done("pre-installation checks: " + passed + " of " + checks.size() + " passed"
                    + (context.dryRun() ? "" : " (" + report + ")"));
        }
        StringBuilder tail = new StringBuilder();
        for (PreCheck check : failed) {
            tail.append(check.describe()).append('\n');
            if (!check.recovery().isEmpty()) {
                tail.append("  recovery: ").append(String.join(" ", check.recovery())).append('\n');
            }
        }
        return ActionOutcome.failed(failed.size() + " pre-installation check(s) failed: " + String.join(", ",
                failed.stream().map(PreCheck::name).toList()) + "; fix them and re-run"
                + (context.dryRun() ? "" : " (" + report + ")"),
                tail.toString());
    }

    /** The release must still be at the chart version the installed state says, or the plan is stale. */
    private static PreCheck installedRelease(HelmClient helm, HelmTarget target, String chartVersion)
            throws InterruptedException {
        if (chartVersion == null) {
            return new PreCheck(INSTALLED_RELEASE, PreCheck.Outcome.SKIPPED, "the plan names no installed chart"
                    + " version", "", List.of());
        }
        try {
            Optional<HelmRelease> status = helm.status(target.release(), target.namespace());
            if (status.isEmpty()) {
                return new PreCheck(INSTALLED_RELEASE, PreCheck.Outcome.PASSED, "release " + target.release()
                        + " is not installed yet: helm upgrade --install installs it", "", List.of());
            }
            if (!chartVersion.equals(status.get().chartVersion())) {
                return new PreCheck(INSTALLED_RELEASE, PreCheck.Outcome.FAILED, "release " + target.release()
                        + " runs chart " + status.get().chart() + " but the installed state says chart version "
                        + chartVersion, "update the installed state file to what runs (or find out who changed the"
                        + " release), then plan again", List.of());
            }
            return new PreCheck(INSTALLED_RELEASE, PreCheck.Outcome.PASSED, "release " + target.release() + " runs "
                    + status.get().chart() + " (revision " + status.get().revision() + ", " + status.get().status()
                    + ") as the installed state says", "", List.of());
        } catch (IOException | CommandFailedException e) {
            return new PreCheck(INSTALLED_RELEASE, PreCheck.Outcome.FAILED, e.getMessage(),
                    "check helm's access to the cluster", List.of());
        }
    }

    private String render(List<PreCheck> checks) {
        TextDocument doc = new TextDocument("Pre-installation checks: " + run.plan().fromVersion() + " → "
                + run.plan().toVersion());
        List<List<String>> rows = new ArrayList<>();
        for (PreCheck c : checks) {
            rows.add(List.of(c.name(), c.outcome().name(), c.message(), c.fix()
                    + (c.recovery().isEmpty() ? "" : " Recovery: " + String.join(" ", c.recovery()))));
        }
        doc.table(List.of("Check", "Outcome", "Found", "Fix"), rows);
        return doc.toMarkdown();
    }
}
