package io.dataos.upgrade.runbook;

import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;

/**
 * Cloud Kernel step 2: Kubernetes cannot go back in place, so a new cluster at the target version
 * is needed. The gate is approved before this runs. With {@code commands.newCluster} in the
 * settings, the approval authorizes that command, which is run. Without it, creating the cluster is
 * a manual step and the approval is the operator's word that it is done: the handler then checks
 * that the kube context now reaches a cluster at the target version, and fails with the manual step
 * to do when it does not ("create a cluster at version X, point the kube context to it, re-run";
 * the approval stays recorded, so the re-run goes straight to the check).
 */
final class NewClusterHandler implements ActionHandler {

    private final RunbookRun run;
    private final SiteCommandHandler command;

    NewClusterHandler(RunbookRun run) {
        this.run = run;
        this.command = new SiteCommandHandler(run);
    }

    private boolean configured(PlanAction action) {
        return command.template(action.kind()) != null;
    }

    @Override
    public void validate(PlanAction action) {
        if (configured(action)) {
            command.validate(action);
        }
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        if (configured(action)) {
            return command.execute(action, context);
        }
        String version = version(action);
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "manual step: create a Kubernetes cluster at version " + version + " and point"
                    + " the kube context to it; the run would then check that the cluster runs " + version);
        }
        String server;
        try {
            server = run.kubectl(context).serverVersion();
        } catch (CommandFailedException e) {
            return ActionOutcome.failed(manualStep(version, "the kube context (" + run.settings().helm().kube()
                    .describe() + ") does not reach a cluster"), e.output());
        }
        if (!matches(server, version)) {
            return ActionOutcome.failed(manualStep(version, "the kube context (" + run.settings().helm().kube()
                    .describe() + ") reaches Kubernetes " + server), "");
        }
        return ActionOutcome.done("manual step done: the kube context reaches Kubernetes " + server + " (target "
                + version + ")");
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return configured(action) ? command.isDone(action, context) : false;
    }

    private String manualStep(String version, String found) {
        return "manual step: create a Kubernetes cluster at version " + version + " with the cloud provider's tools,"
                + " move DataOS to it and point the kube context to it, then re-run with the same run id (the gate"
                + " stays approved); now " + found + ". Or set commands.newCluster in " + run.settings().source()
                + " to have it created";
    }

    private static String version(PlanAction action) {
        String v = action.params().get(ActionParams.KUBERNETES_VERSION);
        return v != null ? v : action.to();
    }

    /** {@code v1.28.5} matches 1.28 and 1.28.5. */
    static boolean matches(String gitVersion, String wanted) {
        String server = gitVersion.startsWith("v") ? gitVersion.substring(1) : gitVersion;
        int plus = server.indexOf('+');
        server = plus < 0 ? server : server.substring(0, plus);
        return server.equals(wanted) || server.startsWith(wanted + ".") || server.startsWith(wanted + "-");
    }
}
