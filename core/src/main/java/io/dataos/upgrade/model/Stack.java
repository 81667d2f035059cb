package io.dataos.upgrade.model;

import java.util.Objects;

/**
 * A User Space stack (flare, scanner, soda+python, ...) at a version, with the environment install
 * file that installs it; a rollback reinstalls an upgraded stack through the target's install file.
 * A platform may hold several versions of one stack; name and version together identify it.
 * {@code installFile} is a workspace-relative path and may be null in a platform state.
 */
public record Stack(String name, ComponentVersion version, String installFile) {

    public Stack {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    /**
     * What identifies the stack on a platform: its name and version, since platforms run two
     * versions of a stack side by side (flare 5.0 and 6.0).
     */
    public String identity() {
        return name + " " + version;
    }
}
