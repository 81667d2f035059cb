package io.dataos.upgrade.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DataOS release manifest: what a release installs in each layer, which versions of the
 * installed platform it requires ({@code compatibility}), its expected downtime and release notes.
 * It is both an upgrade's destination and a rollback's target.
 */
public record Release(String source, ComponentVersion version, Manager manager, UserSpace userSpace,
        List<CoreComponent> coreKernel, CloudKernel cloudKernel, Map<String, VersionRange> compatibility,
        Duration downtime, ReleaseNotes notes) implements PlatformManifest {

    public Release {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(userSpace, "userSpace");
        Objects.requireNonNull(cloudKernel, "cloudKernel");
        coreKernel = List.copyOf(coreKernel == null ? List.of() : coreKernel);
        compatibility = compatibility == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.TreeMap<>(compatibility));
        notes = notes == null ? ReleaseNotes.NONE : notes;
    }
}
