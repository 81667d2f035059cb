package io.dataos.upgrade.suitescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scanner finds a planted secret in each form it claims to search, and nothing in clean files. */
class SuiteSecretScannerTest {

    // planted values exist only in this test (they are not in test-secrets.txt, so never in other outputs)
    private static final String PLANTED = "planted-Qx81vTz0mWk";

    private Path dir;
    private Path listFile;

    @BeforeEach
    void plantingGround() throws Exception {
        // not a kept @TempDir: the planted files are deleted after each test
        dir = Files.createDirectories(Path.of("target", "scanner-canary").toAbsolutePath());
        listFile = Files.writeString(dir.resolve("secrets.txt"), "# test list\n" + PLANTED
                + "\nregex:rehearsal-[0-9a-f]{24}\nkept-input:in/**\n");
    }

    @AfterEach
    void removePlants() throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private SuiteSecretScanner.Result scanOut() throws Exception {
        return new SuiteSecretScanner(TestSecretList.read(listFile)).scan(dir, List.of(dir.resolve("out")));
    }

    @Test
    void aPlantedSecretInAReportIsFoundAndNamedByFileAndListLine() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out/reports"));
        Files.writeString(out.resolve("clean.md"), "nothing to see");
        Files.writeString(out.resolve("run.md"), "# Run\nkey: " + PLANTED + "\n");

        SuiteSecretScanner.Result result = scanOut();

        assertThat(result.scanned()).hasSize(2);
        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.where()).isEqualTo(Path.of("out", "reports", "run.md").toString());
            assertThat(f.secret()).isEqualTo("secrets.txt line 2");
            assertThat(f.toString()).doesNotContain(PLANTED);
        });
    }

    @Test
    void aSecretInBase64AtAnyAlignmentOrUtf16IsFound() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        for (String prefix : List.of("", "a", "ab")) {
            Files.writeString(out.resolve("b64-" + prefix.length() + ".yaml"), "data: "
                    + Base64.getEncoder().encodeToString((prefix + PLANTED + "\n").getBytes(StandardCharsets.UTF_8)));
            Files.writeString(out.resolve("b64url-" + prefix.length() + ".txt"), Base64.getUrlEncoder()
                    .encodeToString((prefix + "?>" + PLANTED).getBytes(StandardCharsets.UTF_8)));
        }
        Files.write(out.resolve("utf16.bin"), ("x" + PLANTED).getBytes(StandardCharsets.UTF_16LE));

        List<SuiteSecretScanner.Finding> findings = scanOut().findings();

        assertThat(findings).extracting(SuiteSecretScanner.Finding::where).map(w -> Path.of(w).getFileName()
                .toString()).contains("b64-0.yaml", "b64-1.yaml", "b64-2.yaml", "b64url-0.txt", "b64url-1.txt",
                        "b64url-2.txt", "utf16.bin");
    }

    @Test
    void aSecretInsideAJarInsideAnHpiOrAGzippedFileIsFound() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.write(out.resolve("plugin.hpi"), zip("WEB-INF/lib/core.jar", zip("io/x/K.class",
                ("const " + PLANTED).getBytes(StandardCharsets.UTF_8))));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(("values " + PLANTED).getBytes(StandardCharsets.UTF_8));
        }
        Files.write(out.resolve("chart.tgz"), gz.toByteArray());

        assertThat(scanOut().findings()).extracting(SuiteSecretScanner.Finding::where).containsExactlyInAnyOrder(
                Path.of("out", "plugin.hpi") + "!/WEB-INF/lib/core.jar!/io/x/K.class",
                Path.of("out", "chart.tgz") + "!gunzip");
    }

    @Test
    void aSecretMadeAtRunTimeIsFoundByItsPattern() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("rehearsal.log"), "key rehearsal-0123456789abcdef01234567 used");

        assertThat(scanOut().findings()).singleElement().satisfies(f -> assertThat(f.form()).isEqualTo("pattern"));
    }

    @Test
    void keptInputsAndTestClassesAreNotSearchedButListed() throws Exception {
        Files.createDirectories(dir.resolve("out/test-classes"));
        Files.writeString(dir.resolve("out/test-classes/T.class"), PLANTED);
        Files.writeString(dir.resolve("out/core-1.0-tests.jar"), PLANTED);
        Files.createDirectories(dir.resolve("in"));
        Files.writeString(dir.resolve("in/key"), PLANTED);

        SuiteSecretScanner.Result result = new SuiteSecretScanner(TestSecretList.read(listFile))
                .scan(dir, List.of(dir.resolve("out"), dir.resolve("in")));

        assertThat(result.findings()).isEmpty();
        assertThat(result.keptInputsSkipped()).containsExactly(Path.of("in", "key"));
        assertThat(new ArrayList<>(result.scanned())).isEmpty();
    }

    private static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
