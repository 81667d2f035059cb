package io.jenkins.plugins.dataos;

import hudson.FilePath;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The engine: the dataos-upgrade command line's jar, shipped inside the plugin's jar as a resource (never on the
 * controller's class path) and copied to each agent once per content hash. A copy goes to a temporary name first,
 * its MD5 is compared with the shipped jar's ({@code FilePath.digest} computes MD5 on the agent), and only then is
 * it renamed into place, so a half-copied jar never has the final name. A jar already there counts as done: its
 * name is its content's SHA-256.
 */
final class EngineJar {

    static final String RESOURCE = "engine/dataos-upgrade-engine.jar";

    private static volatile Digests digests;

    private EngineJar() {
    }

    private record Digests(String sha256, String md5) {
    }

    static InputStream open() throws IOException {
        InputStream in = EngineJar.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("the plugin's jar has no " + RESOURCE + ": the plugin was built without its engine;"
                    + " rebuild it with mvn -B verify");
        }
        return in;
    }

    /** The file name the engine has on every agent: its content's SHA-256. */
    static String fileName() throws IOException {
        return "dataos-upgrade-engine-" + digests().sha256().substring(0, 32) + ".jar";
    }

    /** The engine jar in {@code cacheDir} on the agent, copied there first when it is not there yet. */
    static FilePath install(FilePath cacheDir) throws IOException, InterruptedException {
        FilePath target = cacheDir.child(fileName());
        if (target.exists()) {
            return target;
        }
        cacheDir.mkdirs();
        FilePath partial = cacheDir.child(fileName() + ".partial-" + UUID.randomUUID());
        try {
            try (InputStream in = open()) {
                partial.copyFrom(in);
            }
            String copied = partial.digest();
            if (!digests().md5().equalsIgnoreCase(copied)) {
                throw new IOException("the engine jar copied to " + partial.getRemote() + " has MD5 " + copied
                        + ", not " + digests().md5() + ": the copy was damaged; run the step again");
            }
            try {
                partial.renameTo(target);
            } catch (IOException raced) {
                // FilePath.renameTo does not replace an existing file: another build copied the same jar first
                if (!target.exists()) {
                    throw raced;
                }
            }
        } finally {
            if (partial.exists()) {
                partial.delete();
            }
        }
        return target;
    }

    private static Digests digests() throws IOException {
        Digests d = digests;
        if (d == null) {
            try (InputStream in = open()) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha256.update(buffer, 0, n);
                    md5.update(buffer, 0, n);
                }
                d = new Digests(HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(md5.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("this JVM has no " + e.getMessage(), e);
            }
            digests = d;
        }
        return d;
    }
}
