package io.dataos.upgrade.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ManagerValuesFileTest {

    public static byte[] runbookSample() throws IOException {
        try (InputStream in = ManagerValuesFileTest.class.getResourceAsStream("dataos-manager-values.yaml")) {
            return in.readAllBytes();
        }
    }

    private static List<String> lines(byte[] content) {
        // split keeping terminators so CR/LF differences are visible
        String text = new String(content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        return lines;
    }

    /** Asserts that {@code after} equals {@code before} except on the given 0-based line. */
    private static void assertOnlyLineChanged(byte[] before, byte[] after, int changedLine, String expectedLine) {
        List<String> was = lines(before);
        List<String> now = lines(after);
        assertThat(now).hasSameSizeAs(was);
        for (int i = 0; i < was.size(); i++) {
            if (i == changedLine) {
                assertThat(now.get(i)).isEqualTo(expectedLine);
            } else {
                assertThat(now.get(i)).as("line %d", i + 1).isEqualTo(was.get(i));
            }
        }
    }

    @Test
    void runbookSampleChangesOnlyTheTagLineKeepingItsComment() throws IOException {
        byte[] before = runbookSample();

        byte[] after = ManagerValuesFile.updateImageTag(before, "1.12.0");

        assertOnlyLineChanged(before, after, 9,
                "    tag: 1.12.0 # Update the DataOS Manager tag version to the latest one\n");
        assertThat(ManagerValuesFile.imageTag("f", after)).isEqualTo("1.12.0");
    }

    @Test
    void crlfLineEndingsAreKeptOnEveryLine() throws IOException {
        byte[] before = new String(runbookSample(), StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "1.12.0");

        assertOnlyLineChanged(before, after, 9,
                "    tag: 1.12.0 # Update the DataOS Manager tag version to the latest one\r\n");
    }

    @Test
    void quotedTagsKeepTheirQuoteStyle() {
        byte[] doubleQuoted = "image:\n  tag: \"1.0.0\"  # pinned\n".getBytes(StandardCharsets.UTF_8);
        byte[] singleQuoted = "image:\n  tag: '1.0.0'\n".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(ManagerValuesFile.updateImageTag(doubleQuoted, "2.0.0"), StandardCharsets.UTF_8))
                .isEqualTo("image:\n  tag: \"2.0.0\"  # pinned\n");
        assertThat(new String(ManagerValuesFile.updateImageTag(singleQuoted, "2.0.0"), StandardCharsets.UTF_8))
                .isEqualTo("image:\n  tag: '2.0.0'\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.10", "20240101", "true", "on", "1e3", "0x1F"})
    void tagsYamlWouldReadAsNumbersOrBooleansAreQuoted(String tag) {
        byte[] before = "image:\n  tag: v1 # c\n".getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, tag);

        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo("image:\n  tag: \"" + tag + "\" # c\n");
        assertThat(ManagerValuesFile.imageTag("f", after)).isEqualTo(tag);
    }

    @Test
    void flowStyleImageMappingIsEditedInPlace() {
        byte[] before = "a: 1\nimage: {repository: dataos/manager, tag: v1, pullPolicy: Always}\nb: 2\n"
                .getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "v2.0.1");

        assertThat(new String(after, StandardCharsets.UTF_8))
                .isEqualTo("a: 1\nimage: {repository: dataos/manager, tag: v2.0.1, pullPolicy: Always}\nb: 2\n");
    }

    @Test
    void emptyTagGetsTheValueAfterItsColon() {
        byte[] before = "image:\n  tag:   # fill in\nlogLevel: info\n".getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "1.2.3");

        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo("image:\n  tag: 1.2.3   # fill in\nlogLevel: info\n");
    }

    @Test
    void anchorOnTheTagIsKept() {
        byte[] before = "image:\n  tag: &managerTag 1.0.0\nsidecar:\n  tag: *managerTag\n".getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "1.1.0");

        assertThat(new String(after, StandardCharsets.UTF_8))
                .isEqualTo("image:\n  tag: &managerTag 1.1.0\nsidecar:\n  tag: *managerTag\n");
    }

    @Test
    void nonAsciiTextBeforeTheTagDoesNotShiftTheEdit() {
        byte[] before = "\uFEFF# Überblick — 数据 🚀\nowner: Zoë 🚀\nimage:\n  tag: old\n".getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "new");

        assertThat(new String(after, StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF# Überblick — 数据 🚀\nowner: Zoë 🚀\nimage:\n  tag: new\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-leading-dash", ".dot", "has space", "a:b", "x/y", "tag\n", "ä"})
    void invalidTagIsRefusedNamingTheField(String tag) throws IOException {
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(runbookSample(), tag))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("image.tag")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("image.tag"));
    }

    @Test
    void tagLongerThan128CharactersIsRefused() {
        String tag = "a".repeat(129);
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag("image:\n  tag: x\n".getBytes(StandardCharsets.UTF_8), tag))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a valid image tag");
        assertThat(ManagerValuesFile.updateImageTag("image:\n  tag: x\n".getBytes(StandardCharsets.UTF_8),
                "a".repeat(128))).isNotEmpty();
    }

    @Test
    void fileWithoutImageTagIsRefused() {
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag("source.yaml",
                "image:\n  repository: x\n".getBytes(StandardCharsets.UTF_8), "1.0.0"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("source.yaml: image.tag: is missing: add 'image:' with a nested 'tag:' holding the current"
                        + " dataos-manager tag");
    }

    @Test
    void invalidYamlIsRefusedWithItsLine() {
        byte[] broken = "image:\n  tag: 1.0.0\n  - oops\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag("values.yaml", broken, "1.0.1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("values.yaml: (file): is not valid YAML at line 3");
    }

    @Test
    void runbookMarkdownBoldIsNotYaml() {
        byte[] copiedFromTheRunbookPage = "image:\n    tag: **<DATAOS_MANAGER_TAG_VERSION> # Update**\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(copiedFromTheRunbookPage, "1.0.0"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void duplicateKeysAreRefusedAsHelmWould() {
        byte[] twice = "image:\n  tag: a\n  tag: b\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(twice, "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Duplicate field 'tag'");
    }

    @Test
    void tagAsMappingOrBlockScalarIsRefused() {
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(
                "image:\n  tag:\n    name: x\n".getBytes(StandardCharsets.UTF_8), "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("is a mapping or list");
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(
                "image:\n  tag: |\n    x\n".getBytes(StandardCharsets.UTF_8), "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("block scalar");
    }

    @Test
    void secondDocumentAndNonUtf8AreRefused() {
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(
                "image:\n  tag: a\n---\nimage:\n  tag: b\n".getBytes(StandardCharsets.UTF_8), "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than one YAML document");
        assertThatThrownBy(() -> ManagerValuesFile.updateImageTag(
                "owner: Zo\u00eb\nimage:\n  tag: a\n".getBytes(StandardCharsets.ISO_8859_1), "c"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void fiveMegabyteFileIsEditedWithOnlyTheTagChanged() throws IOException {
        StringBuilder big = new StringBuilder(new String(runbookSample(), StandardCharsets.UTF_8));
        big.append("components:\n");
        for (int i = 0; big.length() < 5 * 1024 * 1024; i++) {
            big.append("  component").append(i).append(":   # comment ").append(i).append('\n')
                    .append("    version: \"1.").append(i).append(".0\"\n")
                    .append("    enabled: true\n");
        }
        byte[] before = big.toString().getBytes(StandardCharsets.UTF_8);

        byte[] after = ManagerValuesFile.updateImageTag(before, "9.9.9");

        assertOnlyLineChanged(before, after, 9,
                "    tag: 9.9.9 # Update the DataOS Manager tag version to the latest one\n");
    }

    @Test
    void otherTagsAndCommentedOutTagsAreNotTouched() {
        String before = "# image:\n#   tag: 0.9.0   (old, commented out)\nsidecar:\n  image:\n    tag: 2.0.0\n"
                + "tag: top-level\nimage:\n  repository: r\n  tag: 1.0.0\nredis:\n  tag: 7.2\n";

        byte[] after = ManagerValuesFile.updateImageTag(before.getBytes(StandardCharsets.UTF_8), "1.0.1");

        assertThat(new String(after, StandardCharsets.UTF_8)).isEqualTo(before.replace("  tag: 1.0.0", "  tag: 1.0.1"));
    }
}
