package io.dataos.upgrade.cli.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.Charset;

/**
 * The agent wrapper's entry point (docs/engine-contract.md):
 * {@code java -cp ENGINE.jar io.dataos.upgrade.cli.agent.Wrapper RUN_DIR GRACE_SECONDS -- CHILD_ARGV...}.
 * Compiled for Java 8 (its own compiler execution) so that an older Java on an agent reaches this
 * class and leaves a clear message in {@code engine.log} and status 126, instead of an
 * {@code UnsupportedClassVersionError} nobody reads. Everything else is {@link AgentRun}, Java 17.
 */
public final class Wrapper {

    /** The status when the engine could not start; the reason is in engine.log. */
    static final int CANNOT_START = 126;
    private static final int REQUIRED = 17;

    private Wrapper() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: Wrapper RUN_DIR GRACE_SECONDS -- COMMAND...");
            System.exit(2);
        }
        String version = System.getProperty("java.specification.version", "");
        if (feature(version) < REQUIRED) {
            File dir = new File(args[0]);
            dir.mkdirs();
            String message = "dataos-upgrade: the engine needs Java " + REQUIRED + " or newer, but "
                    + System.getProperty("java.home") + " is Java " + version + " ("
                    + System.getProperty("java.vendor") + "): set JAVA_HOME on this agent to a Java " + REQUIRED
                    + "+ installation (or install one), then run the step again\n";
            append(new File(dir, "engine.log"), message);
            File tmp = new File(dir, "status.tmp");
            write(tmp, CANNOT_START + "\n");
            if (!tmp.renameTo(new File(dir, "status"))) {
                throw new IOException("cannot rename " + tmp + " to status");
            }
            System.exit(CANNOT_START);
        }
        try {
            // by name: this class is compiled for Java 8 and must not link against Java 17 classes
            Class.forName("io.dataos.upgrade.cli.agent.AgentRun").getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception ? (Exception) cause : e;
        }
    }

    /** 8 for "1.8", 17 for "17"; 0 when unreadable (treated as too old). */
    static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }

    private static void append(File file, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(file, true)) {
            out.write(text.getBytes(Charset.forName("UTF-8")));
        }
        ownerOnly(file);
    }

    private static void write(File file, String text) throws IOException {
        try (OutputStream out = new FileOutputStream(file, false)) {
            out.write(text.getBytes(Charset.forName("UTF-8")));
        }
        ownerOnly(file);
    }

    private static void ownerOnly(File file) {
        file.setReadable(false, false);
        file.setWritable(false, false);
        file.setReadable(true, true);
        file.setWritable(true, true);
    }
}
