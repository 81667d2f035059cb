package io.dataos.upgrade.model;

import java.util.Objects;

/**
 * What going from one version to another changes, in semantic-version terms: which part moved
 * ({@link Type}) and in which direction. A rollback usually moves DOWN; the type decides how the
 * runbook treats it (a MAJOR change needs the component owner's approval).
 */
public record VersionChange(ComponentVersion from, ComponentVersion to, Type type, Direction direction) {

    /** The highest version part that differs. Pre-release and build differences count as PATCH. */
    public enum Type {
        MAJOR,
        MINOR,
        PATCH,
        NONE
    }

    /** Whether the change raises or lowers the version. */
    public enum Direction {
        UPGRADE,
        DOWNGRADE,
        NONE
    }

    public VersionChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(direction, "direction");
    }

    static VersionChange between(ComponentVersion from, ComponentVersion to) {
        int order = from.compareTo(to);
        Direction direction = order < 0 ? Direction.UPGRADE : order > 0 ? Direction.DOWNGRADE : Direction.NONE;
        Type type;
        if (order == 0) {
            type = Type.NONE;
        } else if (from.major() != to.major()) {
            type = Type.MAJOR;
        } else if (from.minor() != to.minor()) {
            type = Type.MINOR;
        } else {
            type = Type.PATCH;
        }
        return new VersionChange(from, to, type, direction);
    }

    public boolean isMajor() {
        return type == Type.MAJOR;
    }

    public boolean isNone() {
        return type == Type.NONE;
    }

    /** E.g. {@code 3.0.0 -> 2.4.0 (MAJOR DOWNGRADE)}. */
    @Override
    public String toString() {
        return from + " -> " + to + " (" + type + (direction == Direction.NONE ? "" : " " + direction) + ")";
    }
}
