package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.api.SecretProvider;
import java.io.IOException;
import java.util.Optional;

/**
 * Runs a plan's {@code VALIDATE} (post-upgrade validation) or {@code VERIFY_ROLLBACK} (post-rollback
 * verification) action: reads the checks file, runs the checks, keeps the results in the workspace
 * at once (so their evidence outlives a rollback), and fails the action when a check did not pass.
 * Parameters: {@code checks} (workspace path of the checks file, required), {@code outputDir}
 * (default {@code dataos-upgrade/runs/<runId>/<actionId>}), {@code rollbackOnFailure}
 * ({@code true}/{@code false}, default {@code true}). Secrets the checks use are masked in the journal.
 */
public final class VerificationActionHandler implements ActionHandler {

    private final String kubectl;
    private final String helm;

    public VerificationActionHandler() {
        this("kubectl", "helm");
    }

    /** With the kubectl and helm programs to call (paths or names on PATH). */
    public VerificationActionHandler(String kubectl, String helm) {
        this.kubectl = kubectl;
        this.helm = helm;
    }

    @Override
    public void validate(PlanAction action) {
        String checks = action.params().get("checks");
        if (checks == null || checks.isBlank()) {
            throw new InvalidInputException("plan action '" + action.id() + "'", "params.checks", "missing: give the"
                    + " workspace path of the checks file (see docs/verification.md)");
        }
        String rollback = action.params().getOrDefault("rollbackOnFailure", "true");
        if (!rollback.equals("true") && !rollback.equals("false")) {
            throw new InvalidInputException("plan action '" + action.id() + "'", "params.rollbackOnFailure",
                    "'" + rollback + "' is not true or false");
        }
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        validate(action);
        String path = action.params().get("checks");
        if (!context.workspace().exists(path)) {
            return ActionOutcome.failed("checks file " + path + " does not exist in the workspace: write it (see"
                    + " docs/verification.md) or fix params.checks", "");
        }
        ChecksFile file = ChecksFile.parse(path, io.dataos.upgrade.yaml.StrictYaml.readFile(context.workspace(), path,
                ChecksFile.FORMAT));
        VerificationPurpose purpose = action.kind() == ActionKind.VERIFY_ROLLBACK ? VerificationPurpose.POST_ROLLBACK
                : VerificationPurpose.POST_UPGRADE;
        if (context.dryRun()) {
            return ActionOutcome.done("would run " + file.checks().size() + " check(s) of " + path + " as "
                    + purpose.title());
        }
        // every secret a check asks for goes through the context, so the journal masks it too
        SecretProvider secrets = name -> {
            try {
                return Optional.of(context.secret(name));
            } catch (MissingSecretException missing) {
                return Optional.empty();
            }
        };
        VerificationReport report = new Verification(context.runner(), secrets, context.workspace())
                .kubectl(kubectl).helm(helm).log(context::log)
                .run(purpose, file, Boolean.parseBoolean(action.params().getOrDefault("rollbackOnFailure", "true")));
        String dir = action.params().getOrDefault("outputDir",
                "dataos-upgrade/runs/" + context.runId() + "/" + action.id());
        VerificationOutputs.write(context.workspace(), dir, report);
        String counts = report.count(CheckStatus.PASSED) + " passed, " + report.count(CheckStatus.FAILED)
                + " failed, " + report.count(CheckStatus.ERROR) + " error(s), " + report.count(CheckStatus.SKIPPED)
                + " skipped; results in " + dir;
        if (report.passed()) {
            return ActionOutcome.done(purpose.title() + " passed: " + counts);
        }
        String why = report.rollbackReason().orElse(purpose.title() + " failed: " + String.join("; ",
                report.problems().stream().map(p -> p.name() + " (" + p.status() + ": " + p.message() + ")").toList()));
        StringBuilder problems = new StringBuilder();
        for (CheckResult p : report.problems()) {
            problems.append(p.status()).append(' ').append(p.name()).append(": ").append(p.message()).append('\n');
        }
        return ActionOutcome.failed(why + " [" + counts + "]", problems.toString());
    }
}
