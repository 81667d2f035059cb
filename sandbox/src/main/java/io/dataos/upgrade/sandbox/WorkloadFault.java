package io.dataos.upgrade.sandbox;

import java.util.Objects;

/**
 * A fault the sandbox injects into a workload so a rehearsal can see validation fail: a StatefulSet
 * whose pods never become ready, a health endpoint that answers 503, or an update the API refuses
 * (so the helm upgrade itself fails). A fault can be tied to one
 * image tag, so the upgraded version is broken and the version a rollback returns to is healthy.
 *
 * @param kind what goes wrong
 * @param namespace the workload's namespace
 * @param statefulSet the StatefulSet's name
 * @param imageTag the image tag the fault applies to; {@code null} for every tag
 * @param reason the text the sandbox reports as the cause (in the StatefulSet condition and the health answer)
 */
public record WorkloadFault(Kind kind, String namespace, String statefulSet, String imageTag, String reason) {

    /** What goes wrong with the workload. */
    public enum Kind {
        /** The pods of the new revision never become ready: the rollout never completes. */
        ROLLOUT_STUCK,
        /** The rollout completes but the workload's health endpoint answers 503. */
        HEALTH_FAILING,
        /** The API refuses to store the StatefulSet with this image tag (as an admission webhook would): the helm upgrade fails. */
        UPDATE_REJECTED
    }

    public WorkloadFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(statefulSet, "statefulSet");
        reason = reason == null || reason.isBlank() ? "injected fault: " + kind : reason;
    }

    /** The StatefulSet's pods running {@code imageTag} never become ready. */
    public static WorkloadFault rolloutStuck(String namespace, String statefulSet, String imageTag, String reason) {
        return new WorkloadFault(Kind.ROLLOUT_STUCK, namespace, statefulSet, imageTag, reason);
    }

    /** The StatefulSet running {@code imageTag} rolls out but its health endpoint answers 503. */
    public static WorkloadFault healthFailing(String namespace, String statefulSet, String imageTag, String reason) {
        return new WorkloadFault(Kind.HEALTH_FAILING, namespace, statefulSet, imageTag, reason);
    }

    /** Storing the StatefulSet with {@code imageTag} is refused with {@code reason}, so Helm's upgrade fails. */
    public static WorkloadFault updateRejected(String namespace, String statefulSet, String imageTag, String reason) {
        return new WorkloadFault(Kind.UPDATE_REJECTED, namespace, statefulSet, imageTag, reason);
    }

    boolean appliesTo(String ns, String name, String tag) {
        return namespace.equals(ns) && statefulSet.equals(name) && (imageTag == null || imageTag.equals(tag));
    }
}
