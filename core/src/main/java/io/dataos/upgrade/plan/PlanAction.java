package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.Layer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a plan's DAG. {@code layer} is null for actions that belong to no DataOS layer
 * (preparation, the manager release, verification). {@code from}/{@code to} are versions or image
 * references where the action changes one, else null. {@code params} carries the facts the action's
 * handler needs (install file, snapshot name, command), all plain strings and never secrets.
 */
public record PlanAction(
        String id,
        Phase phase,
        Layer layer,
        String component,
        ActionKind kind,
        String from,
        String to,
        List<String> dependsOn,
        boolean requiresApproval,
        List<String> approvers,
        String description,
        Map<String, String> params) {

    public PlanAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(kind, "kind");
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
        approvers = List.copyOf(approvers == null ? List.of() : approvers);
        params = Map.copyOf(params == null ? Map.of() : params);
        description = description == null ? "" : description;
    }
}
