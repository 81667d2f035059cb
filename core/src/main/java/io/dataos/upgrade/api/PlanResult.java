package io.dataos.upgrade.api;

import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.PlanInputs;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import io.dataos.upgrade.plan.RequiredApproval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plan written for review, as the {@code dataosPlan} step and {@code plan … --out-dir} return it:
 * its id, versions, risk, gates (with the reason and approvers the risk assessment gives each) and
 * where its JSON and Markdown were written.
 *
 * @param type {@code upgrade} or {@code rollback}, as the caller asked for it
 * @param plan the plan
 * @param maintenanceWindow the window the caller gave (its spec), or null
 * @param planJson where plan.json was written
 * @param planMarkdown where plan.md was written
 * @param windowSuggestion the window suggested from traffic when none was given (then also
 *     {@code maintenanceWindow}), or null
 * @param inputs what the plan was made from, recorded in its JSON (null: an unsealed plan)
 */
public record PlanResult(String type, Plan plan, String maintenanceWindow, String planJson, String planMarkdown,
        WindowResult windowSuggestion, PlanInputs inputs) {

    /** The file names in the output folder; the plugin and the command line use the same. */
    public static final String PLAN_JSON = "plan.json";
    public static final String PLAN_MARKDOWN = "plan.md";

    public PlanResult {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plan, "plan");
    }

    public PlanResult(String type, Plan plan, String maintenanceWindow, String planJson, String planMarkdown) {
        this(type, plan, maintenanceWindow, planJson, planMarkdown, null, null);
    }

    /** The plan as JSON with its recorded inputs, as {@code plan.json} holds it and the runbooks read it. */
    public byte[] json() {
        return PlanJson.write(plan, inputs);
    }

    /** The plan as Markdown, for review. */
    public String markdown() {
        return PlanMarkdown.render(plan);
    }

    public String planId() {
        return plan.id();
    }

    /** One line for people: what the plan does, or why it is empty. */
    public String summary() {
        return plan.message();
    }

    /** Whether there is nothing to do (then {@link #summary()} says why). */
    public boolean empty() {
        return plan.isEmpty();
    }

    public String fromVersion() {
        return plan.fromVersion();
    }

    public String toVersion() {
        return plan.toVersion();
    }

    public int actionCount() {
        return plan.actions().size();
    }

    /** The risk level's name: LOW, MEDIUM, HIGH or CRITICAL. */
    public String risk() {
        return plan.risk().level().name();
    }

    public int gateCount() {
        return plan.gates().size();
    }

    /** The result as a map of strings, numbers, booleans, lists and maps (nulls left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", type);
        map.put("planId", plan.id());
        map.put("summary", plan.message());
        map.put("empty", plan.isEmpty());
        map.put("fromVersion", plan.fromVersion());
        map.put("toVersion", plan.toVersion());
        map.put("risk", plan.risk().level().name());
        map.put("riskReasons", new ArrayList<>(plan.risk().reasons()));
        map.put("estimatedDowntimeMinutes", plan.risk().estimatedDowntime().toMinutes());
        map.put("actions", plan.actions().size());
        map.put("gates", gates());
        map.put("maintenanceWindow", maintenanceWindow);
        if (windowSuggestion != null) {
            Map<String, Object> suggested = new LinkedHashMap<>(windowSuggestion.toMap());
            suggested.remove("status");
            suggested.remove("chart");
            map.put("suggestedWindow", suggested);
        }
        map.put("planJson", planJson);
        map.put("planMarkdown", planMarkdown);
        map.values().removeIf(Objects::isNull);
        return map;
    }

    /** The plan's gates in plan order, with the reason and approvers the risk assessment gives each. */
    private List<Map<String, Object>> gates() {
        Map<String, RequiredApproval> approvals = new LinkedHashMap<>();
        for (RequiredApproval a : plan.risk().approvals()) {
            approvals.putIfAbsent(a.actionId(), a);
        }
        List<Map<String, Object>> gates = new ArrayList<>();
        for (PlanAction gate : plan.gates()) {
            RequiredApproval approval = approvals.get(gate.id());
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", gate.id());
            g.put("reason", approval != null && !approval.reason().isEmpty() ? approval.reason()
                    : gate.description());
            g.put("approvers", new ArrayList<>(approval != null && !approval.approvers().isEmpty()
                    ? approval.approvers() : gate.approvers()));
            g.put("kind", gate.kind().name());
            g.values().removeIf(Objects::isNull);
            gates.add(g);
        }
        return gates;
    }
}
