package io.dataos.upgrade.model;

import java.util.List;
import java.util.Objects;

/**
 * What is installed now: the same layers as a release, plus the installation's stakeholders and
 * its usual maintenance window (both optional). Planners start from it.
 */
public record PlatformState(String source, ComponentVersion version, Manager manager, UserSpace userSpace,
        List<CoreComponent> coreKernel, CloudKernel cloudKernel, Stakeholders stakeholders,
        MaintenanceWindow maintenanceWindow) implements PlatformManifest {

    public PlatformState {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(userSpace, "userSpace");
        Objects.requireNonNull(cloudKernel, "cloudKernel");
        coreKernel = List.copyOf(coreKernel == null ? List.of() : coreKernel);
        stakeholders = stakeholders == null ? Stakeholders.NONE : stakeholders;
    }
}
