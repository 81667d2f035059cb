package io.dataos.upgrade.runbook;

import io.dataos.upgrade.helm.ManagerUpgrade;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.values.ManagerValuesFile;
import java.io.IOException;

/**
 * Upgrade step 3, the dataos-manager tag update: sets {@code image.tag} in the values file to the
 * release's tag with {@link ManagerUpgrade#updateTag}, every other byte of the file unchanged. Done
 * already when the file carries the tag, so a resumed run never edits it twice.
 */
final class ManagerTagHandler implements ActionHandler {

    private final RunbookRun run;

    ManagerTagHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String tag = action.params().get(ActionParams.IMAGE_TAG);
        String file = run.valuesFile();
        String current = ManagerValuesFile.imageTag(file, context.workspace().read(file));
        if (tag.equals(current)) {
            return ActionOutcome.done(file + " already has image.tag " + tag + ": left unchanged");
        }
        if (context.dryRun()) {
            // validates the new tag without writing anything
            ManagerValuesFile.updateImageTag(file, context.workspace().read(file), tag);
            return Outcomes.wouldDo(context, "would set image.tag in " + file + " from " + current + " to " + tag);
        }
        String previous = new ManagerUpgrade(run.helm(context), context.workspace(), RunbookRun.secrets(context))
                .updateTag(file, tag);
        return ActionOutcome.done("image.tag in " + file + " set from " + previous + " to " + tag);
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String file = run.valuesFile();
        return action.params().get(ActionParams.IMAGE_TAG).equals(ManagerValuesFile.imageTag(file,
                context.workspace().read(file)));
    }
}
