package io.dataos.upgrade.run;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a test main class in its own JVM, as a real second process, and reads its output lines. */
public final class ChildJvm {

    private final Process process;
    private final BufferedReader out;
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /**
     * Starts {@code mainClass} on {@code classPath} (for a real command's main, e.g. the CLI's, with the
     * caller's whole class path) with stdout and stderr appended to {@code log}: the caller watches files,
     * not output, and the child never blocks on a full pipe.
     */
    public static Process startLoggingTo(Path log, String classPath, String mainClass, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classPath, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", mainClass));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    /** The first output line starting with one of {@code prefixes}; fails with everything printed when the child ends first. */
    public String awaitLine(String... prefixes) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            for (String prefix : prefixes) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            seen.add(line);
        }
        throw new AssertionError("child ended without printing " + List.of(prefixes) + ":\n" + String.join("\n", seen));
    }

    /** The test class path without the test frameworks the children do not load (they start faster). */
    static String classPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.contains("jackson") || entry.endsWith("classes") || entry.contains("snakeyaml")
                    || entry.contains("java-semver") || entry.contains("dataos-upgrade-secret")) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
