package io.dataos.upgrade.kube;

import java.time.Duration;

/**
 * What {@code kubectl rollout status} said about a workload: whether the rollout completed within
 * the timeout, and kubectl's own last words (masked) as evidence.
 */
public record RolloutStatus(String resource, String namespace, boolean complete, String message, Duration elapsed) {
}
