package io.dataos.upgrade.model;

import java.util.List;
import java.util.Objects;

/**
 * A Core Kernel component (poros, metis, heimdall, gateway, ...): its version, the owner to consult
 * on a major change, the components it depends on, and optionally its Docker image.
 */
public record CoreComponent(String name, ComponentVersion version, String owner, List<String> dependsOn,
        ImageReference image) {

    public CoreComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        dependsOn = List.copyOf(dependsOn == null ? List.of() : dependsOn);
    }
}
