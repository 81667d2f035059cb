package io.dataos.upgrade.model;

import java.util.List;
import java.util.Objects;

/**
 * A Core Kernel component (poros, metis, heimdall, gateway, ...): its version, the owner to consult
 * on a major change, the components it depends on, and optionally its Docker image and the
 * Kubernetes namespace it runs in ({@code null}: dataos-manager's, as the site commands assume).
 */
public record CoreComponent(String name, ComponentVersion version, String owner, List<String> dependsOn,
        ImageReference image, String namespace) {

    /** A component in dataos-manager's namespace. */
    public CoreComponent(String name, ComponentVersion version, String owner, List<String> dependsOn,
            ImageReference image) {
        this(name, version, owner, dependsOn, image, null);
    }

    public CoreComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
    }
}
