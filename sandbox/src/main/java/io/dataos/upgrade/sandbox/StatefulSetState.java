package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the sandbox's store holds for a StatefulSet: its image, desired and ready replicas, and the
 * revisions a rollout check compares. Read it to validate a rollout the way {@code kubectl rollout
 * status} would.
 *
 * @param namespace the namespace
 * @param name the StatefulSet's name
 * @param image the first container's image, e.g. {@code registry/dataos-manager:1.4.0}
 * @param replicas desired replicas (spec)
 * @param readyReplicas ready replicas (status)
 * @param updatedReplicas replicas at the update revision (status)
 * @param generation the spec's generation
 * @param observedGeneration the generation the (simulated) controller last saw
 * @param currentRevision the revision the pods run
 * @param updateRevision the revision of the current spec
 */
public record StatefulSetState(
        String namespace,
        String name,
        String image,
        int replicas,
        int readyReplicas,
        int updatedReplicas,
        long generation,
        long observedGeneration,
        String currentRevision,
        String updateRevision) {

    /** The tag part of {@link #image()} ("latest" when the image has none). */
    public String imageTag() {
        return imageTag(image);
    }

    /** Whether the rollout of the current spec completed and every replica is ready. */
    public boolean rolledOut() {
        return observedGeneration >= generation
                && readyReplicas == replicas
                && updatedReplicas == replicas
                && updateRevision != null
                && updateRevision.equals(currentRevision);
    }

    static String imageTag(String image) {
        if (image == null) {
            return null;
        }
        int at = image.indexOf('@');
        String withoutDigest = at < 0 ? image : image.substring(0, at);
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : "latest";
    }

    static StatefulSetState of(JsonNode sts) {
        JsonNode status = sts.path("status");
        return new StatefulSetState(
                sts.path("metadata").path("namespace").asText(),
                sts.path("metadata").path("name").asText(),
                sts.path("spec").path("template").path("spec").path("containers").path(0).path("image").asText(null),
                sts.path("spec").path("replicas").asInt(1),
                status.path("readyReplicas").asInt(0),
                status.path("updatedReplicas").asInt(0),
                sts.path("metadata").path("generation").asLong(1),
                status.path("observedGeneration").asLong(0),
                status.path("currentRevision").asText(null),
                status.path("updateRevision").asText(null));
    }
}
