package io.dataos.upgrade.runbook;

import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.RequiredApproval;
import io.dataos.upgrade.plan.RiskAssessment;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.text.TextDocument;
import io.dataos.upgrade.verify.DurationText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pre-rollback step 4, risk assessment: once the operators accepted it at the gate, writes the
 * assessment they accepted ({@code risk-assessment.md}: level and reasons, downtime, affected
 * components per layer, irreversible and manual steps, approvals, mitigations) and the plan it
 * belongs to ({@code plan.json}) into the run's output directory, for the record and the RCA.
 */
final class RiskAssessmentHandler implements ActionHandler {

    private final RunbookRun run;

    RiskAssessmentHandler(RunbookRun run) {
        this.run = run;
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        RiskAssessment risk = run.plan().risk();
        String file = run.outputDir() + "/risk-assessment.md";
        String planFile = run.outputDir() + "/plan.json";
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would write the accepted risk assessment (" + risk.level() + ") to " + file);
        }
        context.workspace().write(file, render(risk).toMarkdown().getBytes(StandardCharsets.UTF_8));
        context.workspace().write(planFile, PlanJson.write(run.plan()));
        return ActionOutcome.done("risk " + risk.level() + " accepted; estimated downtime "
                + DurationText.format(risk.estimatedDowntime()) + "; written to " + file + " and " + planFile);
    }

    private TextDocument render(RiskAssessment risk) {
        TextDocument doc = new TextDocument("Risk assessment: rollback " + run.plan().fromVersion() + " → "
                + run.plan().toVersion());
        doc.facts(List.of(Map.entry("Risk", risk.level().name()),
                Map.entry("Estimated downtime", DurationText.format(risk.estimatedDowntime())),
                Map.entry("Plan", run.plan().id()), Map.entry("Run", run.runId())));
        doc.heading("Why");
        doc.bullets(risk.reasons().isEmpty() ? List.of("no risk reasons recorded") : risk.reasons());
        doc.heading("Affected components");
        List<List<String>> rows = new ArrayList<>();
        for (Layer layer : Layer.values()) {
            List<String> names = risk.affectedComponents().get(layer);
            rows.add(List.of(layer.name(), names.isEmpty() ? "none" : String.join(", ", names)));
        }
        doc.table(List.of("Layer", "Components"), rows);
        doc.heading("Irreversible steps");
        doc.bullets(risk.irreversibleSteps().isEmpty() ? List.of("none") : risk.irreversibleSteps());
        doc.heading("Manual steps");
        doc.bullets(risk.manualSteps().isEmpty() ? List.of("none") : risk.manualSteps());
        doc.heading("Approvals needed");
        List<String> approvals = new ArrayList<>();
        for (RequiredApproval a : risk.approvals()) {
            approvals.add(a.actionId() + " by " + String.join(" or ", a.approvers()) + ": " + a.reason());
        }
        doc.bullets(approvals.isEmpty() ? List.of("none") : approvals);
        doc.heading("Mitigations");
        doc.bullets(risk.mitigations().isEmpty() ? List.of("none") : risk.mitigations());
        if (!risk.notes().isEmpty()) {
            doc.heading("Notes");
            doc.bullets(risk.notes());
        }
        return doc;
    }
}
