package io.dataos.upgrade.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.values.ManagerValuesFile;
import io.dataos.upgrade.values.ManagerValuesFileTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Helm (3.21, through helm-java's native library) renders and lints the test dataos-manager
 * chart with values files produced by {@link ManagerValuesFile} and {@link ManagerUpgrade}'s
 * overlay: what the edit writes is what Helm deploys.
 */
class ManagerChartRenderingTest {

    @TempDir
    Path dir;

    private Path chart() throws Exception {
        Path source = Path.of(ManagerChartRenderingTest.class.getResource("/charts/dataos-manager").toURI());
        Path copy = dir.resolve("chart/dataos-manager");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return copy;
    }

    private Path valuesWithTag(String tag) throws Exception {
        byte[] updated = ManagerValuesFile.updateImageTag(ManagerValuesFileTest.runbookSample(), tag);
        return Files.write(dir.resolve("dataos-manager-values.yaml"), updated);
    }

    private Path overlay() throws Exception {
        return Files.write(dir.resolve("overlay.yaml"), ManagerUpgrade.overlayContent(TestSecrets.primeApiKey()));
    }

    private static List<JsonNode> documents(String rendered) throws Exception {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(rendered)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isEmpty()) {
                    docs.add(doc);
                }
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    private String render(Path chart, Path... valuesFiles) {
        var template = new Helm(chart).template().withName("dataos-manager").withNamespace("dataos-manager");
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        return template.call();
    }

    @Test
    void renderedStatefulSetRunsTheUpdatedTag() throws Exception {
        List<JsonNode> docs = documents(render(chart(), valuesWithTag("1.12.0"), overlay()));

        JsonNode statefulSet = kind(docs, "StatefulSet");
        assertThat(statefulSet.at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("docker.io/dataos/dataos-manager:1.12.0");
        assertThat(statefulSet.at("/spec/template/spec/containers/0/env/0/value").asText())
                .isEqualTo("dataos-training.example.com");
        assertThat(kind(docs, "Secret").at("/data/primeApiKey").asText()).isEqualTo(Base64.getEncoder()
                .encodeToString(TestSecrets.PRIME_API_KEY_VALUE.getBytes()));
    }

    @Test
    void numericLookingTagStaysTextInTheRenderedImage() throws Exception {
        // Unquoted, YAML would read 1.10 as the number 1.1 and Helm would deploy image ...:1.1.
        List<JsonNode> docs = documents(render(chart(), valuesWithTag("1.10"), overlay()));

        assertThat(kind(docs, "StatefulSet").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("docker.io/dataos/dataos-manager:1.10");
    }

    @Test
    void chartLintsCleanWithTheUpdatedValuesAndLintCatchesBrokenOnes() throws Exception {
        Path chart = chart();
        Files.write(chart.resolve("values.yaml"), Files.readAllBytes(valuesWithTag("1.12.0")));

        LintResult clean = new Helm(chart).lint().strict().call();

        assertThat(clean.isFailed()).as(String.join("\n", clean.getMessages())).isFalse();

        assertThat(String.join("\n", clean.getMessages())).doesNotContain("Missing required value");

        Files.writeString(chart.resolve("values.yaml"), "image:\n  tag: [1.12.0\n");
        LintResult broken = new Helm(chart).lint().call();
        assertThat(broken.isFailed()).isTrue();
        assertThat(String.join("\n", broken.getMessages())).contains("values.yaml");
    }

    @Test
    void withoutTheOverlayHelmRefusesToRenderBecauseTheKeyIsRequired() throws Exception {
        byte[] sample = ManagerValuesFileTest.runbookSample();
        Path values = Files.write(dir.resolve("no-key.yaml"), new String(sample).replace("primeApiKey: <PRIME_API_KEY>",
                "primeApiKey: \"\"").getBytes());

        assertThatThrownBy(() -> render(chart(), values)).hasMessageContaining("primeApiKey is required");
    }
}
