package io.dataos.upgrade.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs the test doubles of helm and kubectl (shell scripts in test resources) into a directory,
 * lets a test write the fixtures they answer with, and reads back the exact argv of every call.
 */
public final class FakeClis {

    private final Path dir;

    private FakeClis(Path dir) {
        this.dir = dir;
    }

    public static FakeClis install(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("state/kube"));
        for (String name : List.of("fake-helm", "fake-kubectl")) {
            Path target = dir.resolve(name.substring("fake-".length()));
            try (InputStream in = FakeClis.class.getResourceAsStream(name)) {
                Files.copy(in, target);
            }
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return new FakeClis(dir);
    }

    public String helm() {
        return dir.resolve("helm").toString();
    }

    public String kubectl() {
        return dir.resolve("kubectl").toString();
    }

    public Path state() {
        return dir.resolve("state");
    }

    /** Writes a fixture file under state/. */
    public FakeClis put(String relative, String content) throws IOException {
        Path file = state().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return this;
    }

    /** Every call so far, each as its argv with the program name ("helm" or "kubectl") first. */
    public List<List<String>> calls() throws IOException {
        Path log = dir.resolve("argv.log");
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        List<String> current = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.equals("--end--")) {
                calls.add(List.copyOf(current));
                current.clear();
            } else {
                current.add(line);
            }
        }
        return calls;
    }

    /** The argv of the calls whose first argument (the subcommand) is {@code subcommand}. */
    public List<List<String>> calls(String program, String subcommand) throws IOException {
        return calls().stream().filter(c -> c.get(0).equals(program) && c.size() > 1 && c.get(1).equals(subcommand))
                .toList();
    }
}
