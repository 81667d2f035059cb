package io.dataos.upgrade.suitescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * After every other module of the reactor was built and tested, searches everything they left under their
 * target/ directories (test reports, kept temp files and @TempDir directories, kept logs, reports, journals,
 * backup kits, notices, rehearsal work dirs, the .hpi and the CLI jar) for every test secret.
 */
class WholeSuiteSecretScanTest {

    @Test
    void noFileLogOrReportLeftByTheWholeSuiteHoldsATestSecret() throws Exception {
        Path root = SuiteRoot.root();
        TestSecretList list = TestSecretList.read(SuiteRoot.secretList());
        List<Path> targets = new ArrayList<>();
        targets.add(root.resolve("target"));
        for (Path module : SuiteRoot.otherModules()) {
            targets.add(module.resolve("target"));
        }

        SuiteSecretScanner.Result result = new SuiteSecretScanner(list).scan(root, targets);
        writeSummary(result);

        // the scan must have covered what the suite produced, or an empty result proves nothing
        assertThat(result.scanned()).as("run the whole 'mvn -B verify' from the root first")
                .anyMatch(p -> p.startsWith(Path.of("core", "target", "surefire-reports")))
                .anyMatch(p -> p.startsWith(Path.of("core", "target", "test-tmp")))
                .anyMatch(p -> p.startsWith(Path.of("sandbox", "target", "surefire-reports")))
                .anyMatch(p -> p.startsWith(Path.of("cli", "target", "test-tmp")))
                .anyMatch(p -> p.startsWith(Path.of("plugin", "target", "surefire-reports")))
                .anyMatch(p -> p.startsWith(Path.of("plugin", "target", "failsafe-reports")))
                .anyMatch(p -> p.equals(Path.of("plugin", "target", "dataos-upgrade.hpi")))
                .anyMatch(p -> p.startsWith(Path.of("cli", "target")) && p.toString().endsWith(".jar"));
        assertThat(result.findings()).as("files holding a test secret (value not shown; see test-secrets.txt)")
                .isEmpty();
    }

    private static void writeSummary(SuiteSecretScanner.Result result) throws Exception {
        Map<String, Integer> perModule = new TreeMap<>();
        for (Path p : result.scanned()) {
            perModule.merge(p.getNameCount() > 1 ? p.getName(0).toString() : ".", 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder("suite-wide secret scan: ").append(result.scanned().size())
                .append(" files, ").append(result.bytes()).append(" bytes\n");
        perModule.forEach((m, n) -> text.append("  ").append(m).append(": ").append(n).append(" files\n"));
        text.append("kept secret inputs not searched (test-secrets.txt kept-input):\n");
        result.keptInputsSkipped().forEach(p -> text.append("  ").append(p).append('\n'));
        text.append("findings:\n");
        result.findings().forEach(f -> text.append("  ").append(f).append('\n'));
        Path out = Path.of("target", "suite-secret-scan.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, text, StandardCharsets.UTF_8);
    }
}
