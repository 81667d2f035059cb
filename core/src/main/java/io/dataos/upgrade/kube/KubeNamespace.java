package io.dataos.upgrade.kube;

import java.util.Map;

/** A Kubernetes namespace as {@code kubectl get namespace NAME -o json} shows it: name, labels, phase. */
public record KubeNamespace(String name, Map<String, String> labels, String phase) {

    public KubeNamespace {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }
}
