package io.dataos.upgrade.verify;

import java.util.Objects;

/**
 * Waits for a workload's rollout to complete ({@code kubectl rollout status statefulset/dataos-manager
 * -n dataos-manager}); {@code context} is the kube context, or null for the current one.
 */
public record RolloutCheck(CheckBasics basics, String resource, String namespace, String context) implements Check {

    public RolloutCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public CheckType type() {
        return CheckType.ROLLOUT;
    }
}
