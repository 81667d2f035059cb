package io.dataos.upgrade.sandbox;

/**
 * Something the rehearsal needs on this machine is missing (PostgreSQL's server binaries); the
 * message names it and the Debian package that brings it. Nothing has been started or written.
 */
public final class RehearsalPrerequisiteException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public RehearsalPrerequisiteException(String message) {
        super(message);
    }
}
