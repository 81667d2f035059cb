package io.dataos.upgrade.leakcheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Test directories and logs that outlive the test that made them (unlike {@code @TempDir}), under
 * {@code target/kept-test-outputs}, so {@link NoSecretLeakTest} can search everything the
 * verification, notice and report tests wrote or captured.
 */
public final class KeptOutputs {

    public static final Path ROOT = Path.of("target", "kept-test-outputs").toAbsolutePath();

    private KeptOutputs() {
    }

    /** A fresh, empty directory for one test. */
    public static Path dir(Class<?> testClass, String name) {
        Path dir = ROOT.resolve(testClass.getSimpleName()).resolve(name);
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log sink that keeps every line in memory and in {@code logs/<class>-<name>.log}. */
    public static Log log(Class<?> testClass, String name) {
        return new Log(ROOT.resolve("logs").resolve(testClass.getSimpleName() + "-" + name + ".log"));
    }

    /** Captured log lines, also written to a kept file. */
    public static final class Log implements Consumer<String> {

        private final Path file;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Log(Path file) {
            this.file = file;
            try {
                Files.createDirectories(file.getParent());
                Files.deleteIfExists(file);
                Files.createFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void accept(String line) {
            lines.add(line);
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        /** Keeps text the test captured some other way (a server's received body, an exception message). */
        public void keep(String what, String text) {
            accept("captured " + what + ": " + text);
        }
    }
}
