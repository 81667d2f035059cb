package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.yaml.StrictYaml;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads release manifests and platform states from YAML (see docs/release-manifest.md). Every
 * problem is an {@link InvalidInputException} naming the file, the field path and the fix.
 */
public final class Manifests {

    /** The only {@code apiVersion} this version of the tool reads. */
    public static final String API_VERSION = "dataos-upgrade/v1";
    public static final String KIND_RELEASE = "Release";
    public static final String KIND_PLATFORM_STATE = "PlatformState";

    private Manifests() {}

    /** Reads a {@code kind: Release} manifest; {@code source} names it in errors. */
    public static Release readRelease(byte[] yaml, String source) {
        return new ManifestReader(source).readRelease(yaml);
    }

    /** Reads a {@code kind: PlatformState} manifest; {@code source} names it in errors. */
    public static PlatformState readPlatformState(byte[] yaml, String source) {
        return new ManifestReader(source).readPlatformState(yaml);
    }

    /**
     * Reads either kind, as its {@code kind} says: a rollback target may be a release manifest or a
     * platform state recorded before an upgrade.
     */
    public static PlatformManifest read(byte[] yaml, String source) {
        return new ManifestReader(source).read(yaml);
    }

    /** Reads either kind from a file, named in errors as given. */
    public static PlatformManifest read(Path file) throws IOException {
        return read(bytes(file), file.toString());
    }

    /** Reads a release manifest from a file, named in errors as given. */
    public static Release readRelease(Path file) throws IOException {
        return readRelease(bytes(file), file.toString());
    }

    /** Reads a platform state from a file, named in errors as given. */
    public static PlatformState readPlatformState(Path file) throws IOException {
        return readPlatformState(bytes(file), file.toString());
    }

    /** The bytes of manifest file {@code file}, refused as {@link #read(Path)} refuses it (a folder, too large). */
    public static byte[] fileBytes(Path file) throws IOException {
        return bytes(file);
    }

    /** The file's bytes, read only up to the size limit (a device such as /dev/zero never ends). */
    private static byte[] bytes(Path file) throws IOException {
        return StrictYaml.readFile(file, ManifestReader.RELEASE_FORMAT);
    }
}
