package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chart directory on disk and what its Chart.yaml says (name, version, appVersion), so a
 * rollback can check it is installing the chart the target revision was made from.
 *
 * @param directory the chart directory
 * @param name the chart name
 * @param version the chart version
 * @param appVersion the chart's appVersion (may be empty)
 */
public record ChartRef(Path directory, String name, String version, String appVersion) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads {@code directory/Chart.yaml}; refuses a directory that is not a chart, naming the fix. */
    public static ChartRef read(Path directory, String source) {
        Path chartYaml = directory.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new InvalidInputException(source, "chart",
                    directory + " is not a Helm chart directory (no Chart.yaml): pass the chart's directory");
        }
        try {
            JsonNode chart = YAML.readTree(chartYaml.toFile());
            String name = chart.path("name").asText("");
            String version = chart.path("version").asText("");
            if (name.isEmpty() || version.isEmpty()) {
                throw new InvalidInputException(chartYaml.toString(), name.isEmpty() ? "name" : "version",
                        "missing: a chart needs a name and a version");
            }
            return new ChartRef(directory, name, version, chart.path("appVersion").asText(""));
        } catch (IOException e) {
            throw new InvalidInputException(chartYaml.toString(), "(file)",
                    "not readable YAML (" + e.getClass().getSimpleName() + "): fix the file");
        }
    }

    /** {@code name-version}, the form Helm's history and status use. */
    public String nameVersion() {
        return name + "-" + version;
    }
}
