package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollback steps only the site knows how to do (remove or reinstall a User Space stack through
 * its install file, revert a cluster image, roll back or remove a Core Kernel component, build a new
 * Kubernetes cluster): runs the argv template the settings give for the action's kind, with
 * {@code {component}}, {@code {version}}, {@code {from}}, {@code {to}}, {@code {installFile}},
 * {@code {image}} and {@code {namespace}} substituted in each argv element; never through a shell,
 * in the workspace directory. A plan with such an action but no template, or a template using a
 * placeholder the action has no value for, is refused before anything runs.
 */
final class SiteCommandHandler implements ActionHandler {

    private final RunbookRun run;

    SiteCommandHandler(RunbookRun run) {
        this.run = run;
    }

    /** The template for {@code kind}, or null. */
    RunbookSettings.CommandTemplate template(ActionKind kind) {
        return run.settings().command(kind);
    }

    @Override
    public void validate(PlanAction action) {
        String field = "commands." + RunbookSettings.COMMAND_FIELDS.get(action.kind());
        RunbookSettings.CommandTemplate template = template(action.kind());
        if (template == null) {
            throw new InvalidInputException(run.settings().source(), field, "is missing: the plan has "
                    + action.kind() + " action " + action.id() + " (" + action.description() + "), which only the"
                    + " site knows how to carry out; give its argv, e.g. " + example(action.kind())
                    + " (docs/settings.md); nothing was run");
        }
        Map<String, String> values = values(action);
        for (String placeholder : template.placeholders()) {
            if (values.get(placeholder) == null) {
                throw new InvalidInputException(run.settings().source(), field, "uses {" + placeholder + "}, which"
                        + " action " + action.id() + " (" + action.kind() + ") has no value for: use only {"
                        + String.join("}, {", values.entrySet().stream().filter(e -> e.getValue() != null)
                                .map(Map.Entry::getKey).toList()) + "} here");
            }
        }
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        validate(action);
        RunbookSettings.CommandTemplate template = template(action.kind());
        Command command = command(template.run(), template, action, context);
        CommandResult result = context.run(command);
        if (context.dryRun()) {
            return ActionOutcome.done("would run " + command.display());
        }
        return ActionOutcome.of(result, command.display());
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        RunbookSettings.CommandTemplate template = template(action.kind());
        if (template == null || template.doneCheck().isEmpty() || context.dryRun()) {
            return false;
        }
        return context.run(command(template.doneCheck(), template, action, context)).succeeded();
    }

    private Command command(List<String> argv, RunbookSettings.CommandTemplate template, PlanAction action,
            ActionContext context) {
        Duration timeout = template.timeout() != null ? template.timeout() : run.settings().commandTimeout();
        return new Command(RunbookSettings.CommandTemplate.substitute(argv, values(action)), Map.of(),
                Path.of(context.workspace().absolute(".")), timeout, List.of());
    }

    /** Each placeholder's value for {@code action}; null where the action has none. */
    Map<String, String> values(PlanAction action) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("component", action.component());
        values.put("version", action.to() != null ? action.to() : action.from());
        values.put("from", action.from());
        values.put("to", action.to());
        values.put("installFile", action.params().get(ActionParams.INSTALL_FILE));
        values.put("image", action.params().get(ActionParams.IMAGE));
        String namespace = action.params().get(ActionParams.NAMESPACE);
        values.put("namespace", namespace != null ? namespace : run.managerTarget().namespace());
        return values;
    }

    private static String example(ActionKind kind) {
        return switch (kind) {
            case REMOVE_STACK -> "[dataos-ctl, delete, -f, \"{installFile}\"]";
            case REINSTALL_STACK -> "[dataos-ctl, apply, -f, \"{installFile}\"]";
            case REVERT_CLUSTER_IMAGE -> "[dataos-ctl, cluster, set-image, \"{component}\", \"{image}\"]";
            case ROLLBACK_COMPONENT -> "[kubectl, -n, \"{namespace}\", set, image, \"deployment/{component}\","
                    + " \"{component}={image}\"]";
            case REMOVE_COMPONENT -> "[kubectl, -n, \"{namespace}\", delete, \"deployment/{component}\"]";
            case NEW_CLUSTER -> "[./scripts/new-cluster.sh, \"{version}\"]";
            default -> "[program, \"{component}\"]";
        };
    }
}
