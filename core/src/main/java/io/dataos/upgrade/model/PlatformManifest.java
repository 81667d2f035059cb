package io.dataos.upgrade.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link Release} and a {@link PlatformState} share: a DataOS version and the contents of
 * its three layers plus the dataos-manager release. Planners diff two of these.
 */
public sealed interface PlatformManifest permits Release, PlatformState {

    /** The file (or argument) this was read from, named in every error about it. */
    String source();

    ComponentVersion version();

    Manager manager();

    UserSpace userSpace();

    List<CoreComponent> coreKernel();

    CloudKernel cloudKernel();

    /** Ranges this manifest requires of other components, keyed by component name; empty for a state. */
    default Map<String, VersionRange> compatibility() {
        return Map.of();
    }

    /** {@code Release} or {@code PlatformState}, as written in the manifest's {@code kind}. */
    default String kind() {
        return this instanceof Release ? Manifests.KIND_RELEASE : Manifests.KIND_PLATFORM_STATE;
    }

    default Optional<CoreComponent> coreComponent(String name) {
        return coreKernel().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
