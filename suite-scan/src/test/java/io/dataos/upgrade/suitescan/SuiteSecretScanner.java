package io.dataos.upgrade.suitescan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Searches files, byte for byte, for the test secrets of a {@link TestSecretList}: as UTF-8, UTF-16 and base64
 * (standard and URL-safe, at every alignment), inside zip/jar/hpi entries and gzip streams too, and says which
 * file (and entry) holds which list line, never the value itself.
 */
final class SuiteSecretScanner {

    /** Directories of a module's target/ that hold the tests' own compiled literals, not anything they produced. */
    static final Set<String> NOT_OUTPUTS = Set.of("test-classes", "generated-test-sources");

    private static final int MAX_NESTING = 4;
    private static final long MAX_FILE_BYTES = 1L << 30;

    /** One secret found: where (file, and entry inside an archive) and which list line, in which encoding. */
    record Finding(String where, String secret, String form) {

        @Override
        public String toString() {
            return where + " holds the secret of " + secret + " (" + form + ")";
        }
    }

    /** What a scan found and covered. */
    record Result(List<Finding> findings, List<Path> scanned, long bytes, List<Path> keptInputsSkipped) {
    }

    private record Needle(TestSecretList.Entry entry, String form, String latin1) {
    }

    private final TestSecretList list;
    private final List<Needle> needles = new ArrayList<>();

    SuiteSecretScanner(TestSecretList list) {
        this.list = list;
        for (TestSecretList.Entry e : list.secrets()) {
            if (e.literal() == null) {
                continue;
            }
            byte[] raw = e.literal().getBytes(StandardCharsets.UTF_8);
            add(e, "utf-8", raw);
            add(e, "utf-16le", e.literal().getBytes(StandardCharsets.UTF_16LE));
            add(e, "utf-16be", e.literal().getBytes(StandardCharsets.UTF_16BE));
            for (int shift = 0; shift < 3; shift++) {
                String core = base64Core(raw, shift);
                if (core.length() >= 8) {
                    needles.add(new Needle(e, "base64", core));
                    String url = core.replace('+', '-').replace('/', '_');
                    if (!url.equals(core)) {
                        needles.add(new Needle(e, "base64url", url));
                    }
                }
            }
        }
    }

    private void add(TestSecretList.Entry e, String form, byte[] bytes) {
        needles.add(new Needle(e, form, new String(bytes, StandardCharsets.ISO_8859_1)));
    }

    /**
     * The part of the base64 text of {@code raw} that is the same whatever bytes precede it, when it starts
     * {@code shift} bytes after a 3-byte boundary of the encoded stream (and whatever follows it).
     */
    static String base64Core(byte[] raw, int shift) {
        byte[] shifted = new byte[shift + raw.length];
        System.arraycopy(raw, 0, shifted, shift, raw.length);
        String encoded = Base64.getEncoder().encodeToString(shifted);
        int from = shift == 0 ? 0 : 4; // the first group mixes unknown preceding bytes
        int to = (shifted.length / 3) * 4; // the last partial group depends on what follows
        return from >= to ? "" : encoded.substring(from, to);
    }

    /** Scans every regular file under each root, except the test-source artefacts and the kept inputs. */
    Result scan(Path repoRoot, List<Path> roots) throws IOException {
        List<PathMatcher> inputs = list.keptInputs().stream()
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
        List<Finding> findings = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        long bytes = 0;
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> root.relativize(p).getNameCount() < 1
                                || !NOT_OUTPUTS.contains(root.relativize(p).getName(0).toString()))
                        // a test-jar is the module's compiled tests, literals included (core's, for the others)
                        .filter(p -> !p.getFileName().toString().endsWith("-tests.jar"))
                        .sorted().toList();
            }
            for (Path file : files) {
                Path relative = repoRoot.relativize(file);
                if (inputs.stream().anyMatch(m -> m.matches(relative))) {
                    skipped.add(relative);
                    continue;
                }
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    findings.add(new Finding(relative.toString(), "(none: too large to search, " + size + " bytes)",
                            "unscanned"));
                    continue;
                }
                byte[] content;
                try {
                    content = Files.readAllBytes(file);
                } catch (IOException e) {
                    findings.add(new Finding(relative.toString(), "(none: unreadable: " + e + ")", "unscanned"));
                    continue;
                }
                scanned.add(relative);
                bytes += content.length;
                scanBytes(relative.toString(), content, 0, findings);
            }
        }
        return new Result(List.copyOf(findings), List.copyOf(scanned), bytes, List.copyOf(skipped));
    }

    /** Searches one content, and the entries of the archive or gzip stream it is. */
    void scanBytes(String where, byte[] content, int depth, List<Finding> findings) {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        for (Needle n : needles) {
            if (text.contains(n.latin1())) {
                findings.add(new Finding(where, n.entry().describe(list.file()), n.form()));
            }
        }
        for (TestSecretList.Entry e : list.secrets()) {
            if (e.pattern() != null && e.pattern().matcher(text).find()) {
                findings.add(new Finding(where, e.describe(list.file()), "pattern"));
            }
        }
        if (depth >= MAX_NESTING || content.length < 4) {
            return;
        }
        try {
            if (content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4) {
                try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
                    ZipEntry entry;
                    while ((entry = zip.getNextEntry()) != null) {
                        if (!entry.isDirectory()) {
                            scanBytes(where + "!/" + entry.getName(), readAll(zip), depth + 1, findings);
                        }
                    }
                }
            } else if ((content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
                try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(content))) {
                    scanBytes(where + "!gunzip", readAll(gz), depth + 1, findings);
                }
            }
        } catch (IOException e) {
            // not a well-formed archive after all: its raw bytes were searched above
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES));
    }
}
