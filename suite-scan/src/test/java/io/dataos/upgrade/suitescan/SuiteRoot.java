package io.dataos.upgrade.suitescan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository root this module belongs to, and its other modules. */
final class SuiteRoot {

    static final String THIS_MODULE = "suite-scan";

    private SuiteRoot() {
    }

    static Path root() {
        return Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
    }

    static Path secretList() {
        return root().resolve("test-secrets.txt");
    }

    /** Every module directory of the reactor except this one. */
    static List<Path> otherModules() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> !d.getFileName().toString().equals(THIS_MODULE)).sorted().toList();
        }
    }
}
