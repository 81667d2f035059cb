package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.Layer;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The runbook's risk assessment of a plan: the level with the reasons that set it, the estimated
 * downtime, the components affected in each layer, the steps that cannot be undone or must be done
 * by hand (action ids), the approvals needed, how the plan mitigates its risks, and notes about
 * things the plan deliberately leaves alone.
 */
public record RiskAssessment(
        RiskLevel level,
        List<String> reasons,
        Duration estimatedDowntime,
        Map<Layer, List<String>> affectedComponents,
        List<String> irreversibleSteps,
        List<String> manualSteps,
        List<RequiredApproval> approvals,
        List<String> mitigations,
        List<String> notes) {

    public RiskAssessment {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(estimatedDowntime, "estimatedDowntime");
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
        EnumMap<Layer, List<String>> affected = new EnumMap<>(Layer.class);
        for (Layer layer : Layer.values()) {
            List<String> names = affectedComponents == null ? null : affectedComponents.get(layer);
            affected.put(layer, List.copyOf(names == null ? List.of() : names));
        }
        affectedComponents = Collections.unmodifiableMap(affected);
        irreversibleSteps = List.copyOf(irreversibleSteps == null ? List.of() : irreversibleSteps);
        manualSteps = List.copyOf(manualSteps == null ? List.of() : manualSteps);
        approvals = List.copyOf(approvals == null ? List.of() : approvals);
        mitigations = List.copyOf(mitigations == null ? List.of() : mitigations);
        notes = List.copyOf(notes == null ? List.of() : notes);
    }

    /** The assessment of a plan with nothing to do. */
    public static RiskAssessment none(List<String> notes) {
        return new RiskAssessment(RiskLevel.LOW, List.of(), Duration.ZERO, Map.of(), List.of(), List.of(), List.of(),
                List.of(), notes);
    }
}
