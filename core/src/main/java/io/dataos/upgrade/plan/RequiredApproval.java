package io.dataos.upgrade.plan;

import java.util.List;
import java.util.Objects;

/** One approval a plan needs before it can go on: the gate action, who may approve, and why. */
public record RequiredApproval(String actionId, ActionKind kind, List<String> approvers, String reason) {

    public RequiredApproval {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(kind, "kind");
        approvers = List.copyOf(approvers == null ? List.of() : approvers);
        reason = reason == null ? "" : reason;
    }
}
