package io.dataos.upgrade.verify;

import io.dataos.upgrade.model.Layer;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A verification report as JUnit XML (one testsuite, one testcase per check), so Jenkins' JUnit
 * publisher shows each check as a test. Built with the JDK's DOM, so every message and piece of
 * evidence is escaped; characters XML 1.0 cannot carry (terminal colour codes) are replaced.
 */
public final class VerificationJUnitXml {

    private VerificationJUnitXml() {
    }

    public static String render(VerificationReport report) {
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML builder is unavailable", e);
        }
        Element suite = doc.createElement("testsuite");
        doc.appendChild(suite);
        suite.setAttribute("name", "dataos-upgrade " + report.purpose().title());
        suite.setAttribute("tests", String.valueOf(report.results().size()));
        suite.setAttribute("failures", String.valueOf(report.count(CheckStatus.FAILED)));
        suite.setAttribute("errors", String.valueOf(report.count(CheckStatus.ERROR)));
        suite.setAttribute("skipped", String.valueOf(report.count(CheckStatus.SKIPPED)));
        suite.setAttribute("time", seconds(report.duration().toMillis()));
        suite.setAttribute("timestamp", LocalDateTime.ofInstant(report.started(), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.SECONDS).toString());
        Element properties = doc.createElement("properties");
        suite.appendChild(properties);
        property(doc, properties, "purpose", report.purpose().name());
        property(doc, properties, "rollbackRecommended", String.valueOf(report.shouldRollBack()));
        report.rollbackReason().ifPresent(reason -> property(doc, properties, "rollbackReason", clean(reason)));
        for (CheckResult result : report.results()) {
            Element testcase = doc.createElement("testcase");
            suite.appendChild(testcase);
            testcase.setAttribute("name", clean(result.name()));
            testcase.setAttribute("classname", "dataos." + purposeName(report.purpose()) + "."
                    + layerName(result.layer()) + "." + result.type().fileName());
            testcase.setAttribute("time", seconds(result.duration().toMillis()));
            String tag = switch (result.status()) {
                case FAILED -> "failure";
                case ERROR -> "error";
                case SKIPPED -> "skipped";
                case PASSED -> null;
            };
            if (tag != null) {
                Element verdict = doc.createElement(tag);
                verdict.setAttribute("message", clean(result.message()));
                if (!"skipped".equals(tag)) {
                    verdict.setAttribute("type", result.status().name());
                    verdict.setTextContent(clean(result.evidence()));
                }
                testcase.appendChild(verdict);
            } else if (!result.evidence().isEmpty()) {
                Element out = doc.createElement("system-out");
                out.setTextContent(clean(result.message() + "\n" + result.evidence()));
                testcase.appendChild(out);
            }
        }
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void property(Document doc, Element properties, String name, String value) {
        Element p = doc.createElement("property");
        p.setAttribute("name", name);
        p.setAttribute("value", value);
        properties.appendChild(p);
    }

    private static String purposeName(VerificationPurpose purpose) {
        return purpose == VerificationPurpose.POST_UPGRADE ? "postUpgrade" : "postRollback";
    }

    private static String layerName(Layer layer) {
        if (layer == null) {
            return "platform";
        }
        return switch (layer) {
            case USER_SPACE -> "userSpace";
            case CORE_KERNEL -> "coreKernel";
            case CLOUD_KERNEL -> "cloudKernel";
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Replaces what XML 1.0 cannot hold (control characters other than tab and newlines, lone surrogates). */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }
}
