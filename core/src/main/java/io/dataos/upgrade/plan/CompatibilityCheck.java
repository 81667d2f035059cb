package io.dataos.upgrade.plan;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.ComponentVersion;
import io.dataos.upgrade.model.CoreComponent;
import io.dataos.upgrade.model.PlatformManifest;
import io.dataos.upgrade.model.Stack;
import io.dataos.upgrade.model.VersionRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a release's {@code compatibility} ranges against the versions of a platform across the
 * three layers ("verify compatibility with dependencies across the User Space, Core Kernel, and
 * Cloud Kernel"). Keys name {@code dataos} (the release version), {@code manager} (its chart
 * version), {@code kubernetes}, {@code iac}, {@code postgres}, a Core Kernel component or a stack.
 */
final class CompatibilityCheck {

    private CompatibilityCheck() {}

    /**
     * Returns one line per satisfied range, e.g. {@code kubernetes >=1.28 <1.31: 1.28}.
     *
     * @param rangesOwner the manifest holding the ranges (named in errors)
     * @param platform the platform the ranges must hold for
     * @param platformRole how to call that platform in messages ("installed", "after the rollback")
     * @throws InvalidInputException naming the component and the range that does not hold
     */
    static List<String> require(PlatformManifest rangesOwner, PlatformManifest platform, String platformRole) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, VersionRange> entry : rangesOwner.compatibility().entrySet()) {
            String name = entry.getKey();
            VersionRange range = entry.getValue();
            ComponentVersion version = versionOf(platform, name);
            // Several versions of a stack may run side by side: the range holds if one of them is in it.
            for (Stack stack : platform.userSpace().stacks()) {
                if (stack.name().equals(name) && version != null && !range.contains(version)
                        && range.contains(stack.version())) {
                    version = stack.version();
                }
            }
            if (version == null) {
                throw new InvalidInputException(rangesOwner.source(), "compatibility." + name, "requires " + name + " "
                        + range + ", but " + platform.source() + " has no component called '" + name + "' (" + platformRole
                        + "): fix the name or remove the range");
            }
            if (!range.contains(version)) {
                throw new InvalidInputException(rangesOwner.source(), "compatibility." + name, "requires " + name + " "
                        + range + ", but " + name + " is " + version + " " + platformRole + " (" + platform.source()
                        + "): bring " + name + " into that range first, or pick a release that supports " + version);
            }
            lines.add(name + " " + range + ": " + version);
        }
        return lines;
    }

    /** The version {@code platform} has of {@code name}, or null when it has no such component. */
    static ComponentVersion versionOf(PlatformManifest platform, String name) {
        switch (name) {
            case "dataos":
                return platform.version();
            case "manager":
                return platform.manager().chartVersion();
            case "kubernetes":
                return platform.cloudKernel().kubernetes().version();
            case "iac":
                return platform.cloudKernel().iac() == null ? null : platform.cloudKernel().iac().version();
            case "postgres":
                return platform.cloudKernel().postgres().version();
            default:
                for (CoreComponent component : platform.coreKernel()) {
                    if (component.name().equals(name)) {
                        return component.version();
                    }
                }
                for (Stack stack : platform.userSpace().stacks()) {
                    if (stack.name().equals(name)) {
                        return stack.version();
                    }
                }
                return null;
        }
    }
}
