package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The bad-input corpus (docs/bad-input.md): every case under {@code src/test/resources/bad-input/}
 * is run in-process against a copy of its files and must be refused with exit code 2, a message
 * naming the file (or argument), the field and the fix, and no change on disk.
 */
class BadInputCorpusTest {

    /** Cases the corpus must hold at least (issue 6). */
    static final int MINIMUM_CASES = 50;

    /** Shared valid inputs, copied next to every case as {@code {valid}}. */
    static final String VALID = "_valid";

    /**
     * One case's {@code case.yaml}.
     *
     * @param about what is wrong with the input, one line
     * @param args the argv; {@code {case}} is the case's copy, {@code {valid}} the copy of {@code _valid/}
     * @param exit the expected exit code
     * @param source text naming the file or argument that holds the bad value
     * @param field text naming the field (or the bad value, for a bare argument)
     * @param fix text of the message that says how to fix it
     * @param modes POSIX permissions to give files of the copy before running (git keeps none)
     * @param allowOut text every line printed on standard output must contain (a warning printed before
     *     the refusal); without it nothing may be printed there
     * @param disabled why the case is skipped: {@code bug: ...} for a known, reported bug
     */
    record Case(String about, List<String> args, int exit, String source, String field, String fix,
            Map<String, String> modes, String allowOut, String disabled) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    @TempDir
    Path tmp;

    static Path corpus() {
        try {
            return Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(corpus())) {
            return dirs.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> !name.equals(VALID))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    static Case read(String name) throws IOException {
        Path file = corpus().resolve(name).resolve("case.yaml");
        Case c;
        try (InputStream in = Files.newInputStream(file)) {
            c = YAML.readValue(in, Case.class);
        }
        assertThat(c.about()).as(name + ": about").isNotBlank();
        assertThat(c.args()).as(name + ": args").isNotEmpty();
        assertThat(c.source()).as(name + ": source").isNotBlank();
        assertThat(c.field()).as(name + ": field").isNotBlank();
        assertThat(c.fix()).as(name + ": fix").isNotBlank();
        return c;
    }

    @Test
    void corpusHoldsAtLeastFiftyWellFormedCases() throws IOException {
        List<String> names = cases().toList();
        for (String name : names) {
            Case c = read(name);
            assertThat(c.exit()).as(name + ": exit").isEqualTo(DataosUpgradeCommand.EXIT_INVALID_INPUT);
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(MINIMUM_CASES);
    }

    @Test
    void snapshotSeesANewFileAChangedFileAndAChangedMode() throws IOException {
        Path file = Files.writeString(tmp.resolve("release.yaml"), "version: 1.5.0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Map<String, String> before = snapshot(tmp);

        Files.writeString(tmp.resolve("plan.md"), "");
        assertThat(snapshot(tmp)).isNotEqualTo(before);
        Files.delete(tmp.resolve("plan.md"));
        assertThat(snapshot(tmp)).isEqualTo(before);

        Files.writeString(file, "version: 1.5.1\n");
        assertThat(snapshot(tmp)).isNotEqualTo(before);
        Files.writeString(file, "version: 1.5.0\n");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(snapshot(tmp)).isNotEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsRefusedWithExitTwoNamingFileAndFieldAndChangesNothing(String name) throws Exception {
        Case c = read(name);
        Assumptions.assumeTrue(c.disabled() == null, () -> "disabled: " + c.disabled());

        Path caseCopy = tmp.resolve("case");
        Path validCopy = tmp.resolve("valid");
        copyTree(corpus().resolve(name), caseCopy);
        Files.delete(caseCopy.resolve("case.yaml"));
        copyTree(corpus().resolve(VALID), validCopy);
        if (c.modes() != null) {
            for (Map.Entry<String, String> mode : c.modes().entrySet()) {
                Files.setPosixFilePermissions(caseCopy.resolve(mode.getKey()),
                        PosixFilePermissions.fromString(mode.getValue()));
            }
        }
        List<String> argv = new ArrayList<>();
        for (String arg : c.args()) {
            argv.add(arg.replace("{case}", caseCopy.toString()).replace("{valid}", validCopy.toString()));
        }
        Map<String, String> before = snapshot(tmp);
        Path cwd = Path.of("").toAbsolutePath();
        List<String> cwdBefore = topLevel(cwd);

        CommandLine commandLine = DataosUpgradeCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exit = commandLine.execute(argv.toArray(String[]::new));

        String context = name + " (" + c.about() + ")\nargv: " + argv + "\nerr: " + err + "\nout: " + out;
        assertThat(exit).as(context).isEqualTo(c.exit());
        String line = err.toString().lines()
                .filter(l -> l.contains(c.source()) && l.contains(c.field()))
                .findFirst()
                .orElse(null);
        assertThat(line).as("a line of the error naming '" + c.source() + "' and '" + c.field() + "'\n" + context)
                .isNotNull();
        assertThat(err.toString()).as("the fix\n" + context).contains(c.fix());
        assertThat(err.toString()).as("no stack trace\n" + context).doesNotContain("\tat ").doesNotContain("Exception");
        List<String> printed = out.toString().lines().filter(l -> !l.isBlank()).toList();
        if (c.allowOut() == null) {
            assertThat(printed).as("nothing printed as a result\n" + context).isEmpty();
        } else {
            assertThat(printed).as("only the allowed warning printed\n" + context).allMatch(l -> l.contains(c.allowOut()));
        }
        assertThat(snapshot(tmp)).as("files after the refusal\n" + context).isEqualTo(before);
        assertThat(topLevel(cwd)).as("current directory after the refusal\n" + context).isEqualTo(cwdBefore);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Every file and directory under {@code root}: its permissions and, for a file, its SHA-256. */
    static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            paths.forEach(path -> {
                try {
                    String mode = PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
                    String what = Files.isSymbolicLink(path) ? "link " + Files.readSymbolicLink(path)
                            : Files.isDirectory(path) ? "dir" : "file " + sha256(Files.readAllBytes(path));
                    entries.put(root.relativize(path).toString(), what + " " + mode);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return entries;
    }

    /** The names in the test's working directory, except the build output that tests write to. */
    private static List<String> topLevel(Path dir) throws IOException {
        try (Stream<Path> paths = Files.list(dir)) {
            return paths.map(p -> p.getFileName().toString()).filter(n -> !n.equals("target")).sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
