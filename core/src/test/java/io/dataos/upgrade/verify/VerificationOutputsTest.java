package io.dataos.upgrade.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VerificationOutputsTest {

    static final String NASTY_EVIDENCE = "HTTP 500 <html><script>alert('x')</script></html> & \"quotes\"\n"
            + "]]> closes CDATA\n\u001b[31mred kubectl error\u001b[0m\n``` fenced ``` and ```` longer\n| a | pipe |";

    static VerificationReport mixedReport() {
        Instant start = Instant.parse("2025-11-24T10:00:00Z");
        return new VerificationReport(VerificationPurpose.POST_UPGRADE, start, start.plusMillis(12_345), List.of(
                new CheckResult("manager rollout", CheckType.ROLLOUT, Layer.CORE_KERNEL, CheckStatus.PASSED,
                        "statefulset rolling update complete", "Waiting…\ncomplete", Duration.ofMillis(1500), true),
                new CheckResult("lens <queries> & \"joins\"", CheckType.HTTP, Layer.USER_SPACE, CheckStatus.FAILED,
                        "answered HTTP 500 | expected 200 & <ok>", NASTY_EVIDENCE, Duration.ofMillis(250), true),
                new CheckResult("error rate", CheckType.PROMQL, null, CheckStatus.ERROR,
                        "cannot connect to Prometheus http://p:9090", "", Duration.ofMillis(3), false),
                new CheckResult("restored tables", CheckType.DATA_INTEGRITY, Layer.CLOUD_KERNEL, CheckStatus.SKIPPED,
                        "applies only to post-rollback verification", "", Duration.ZERO, true)), true);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void junitXmlHasOneTestcasePerCheckAndCountsThatMatch() throws Exception {
        Document doc = parse(VerificationJUnitXml.render(mixedReport()));

        Element suite = doc.getDocumentElement();
        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("name")).isEqualTo("dataos-upgrade post-upgrade validation");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("12.345");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-11-24T10:00");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(4);
        assertThat(suite.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(suite.getElementsByTagName("error").getLength()).isEqualTo(1);
        assertThat(suite.getElementsByTagName("skipped").getLength()).isEqualTo(1);
        Element rollout = (Element) cases.item(0);
        assertThat(rollout.getAttribute("classname")).isEqualTo("dataos.postUpgrade.coreKernel.rollout");
        assertThat(rollout.getAttribute("time")).isEqualTo("1.500");
        assertThat(((Element) cases.item(2)).getAttribute("classname")).isEqualTo("dataos.postUpgrade.platform.promql");
    }

    @Test
    void junitXmlCarriesMessagesAndEvidenceExactlyEscaped() throws Exception {
        Document doc = parse(VerificationJUnitXml.render(mixedReport()));

        Element testcase = (Element) doc.getElementsByTagName("testcase").item(1);
        assertThat(testcase.getAttribute("name")).isEqualTo("lens <queries> & \"joins\"");
        Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("answered HTTP 500 | expected 200 & <ok>");
        assertThat(failure.getAttribute("type")).isEqualTo("FAILED");
        assertThat(failure.getTextContent()).isEqualTo(NASTY_EVIDENCE.replace('\u001b', '\uFFFD'));
        NodeList props = doc.getElementsByTagName("property");
        assertThat(((Element) props.item(1)).getAttribute("name")).isEqualTo("rollbackRecommended");
        assertThat(((Element) props.item(1)).getAttribute("value")).isEqualTo("true");
    }

    @Test
    void markdownTableKeepsOneRowPerCheckAndEvidenceInsideItsBlock() {
        String md = VerificationMarkdown.render(mixedReport());

        List<String> rows = md.substring(0, md.indexOf("\n## ")).lines().filter(l -> l.startsWith("| ")).toList();
        assertThat(rows).hasSize(5);
        // an unescaped pipe would add a column; every row has exactly the table's 7 separators
        assertThat(rows).allSatisfy(row -> assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count())
                .isEqualTo(7));
        assertThat(md).contains("**Result: NOT PASSED** — 1 passed, 1 failed, 1 error(s), 1 skipped.");
        assertThat(md).contains("> **Rollback recommended.** post-upgrade validation failed: lens \\<queries\\>");
        assertThat(md).contains("`````text\n" + NASTY_EVIDENCE + "\n`````\n");
        assertThat(md).contains("(non-critical)").contains("| 1.5 s |").contains("| 250 ms |");
        assertThat(md.indexOf("<script>")).as("raw markup appears only inside the evidence block")
                .isEqualTo(md.lastIndexOf("<script>")).isGreaterThan(md.indexOf("`````text"));
    }

    @Test
    void outputsAreWrittenIntoTheWorkspace() throws Exception {
        Path dir = KeptOutputs.dir(getClass(), "outputsAreWrittenIntoTheWorkspace");

        VerificationOutputs.write(new LocalWorkspace(dir), "verification", mixedReport());

        assertThat(dir.resolve("verification/verification-junit.xml")).isRegularFile();
        assertThat(parse(Files.readString(dir.resolve("verification/verification-junit.xml")))
                .getElementsByTagName("testcase").getLength()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("verification/verification.md"))).startsWith(
                "# Post-upgrade validation");
        assertThat(VerificationJson.parse("v.json", Files.readString(dir.resolve("verification/verification.json"))))
                .isEqualTo(mixedReport());
    }
}
