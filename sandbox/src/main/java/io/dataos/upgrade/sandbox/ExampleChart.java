package io.dataos.upgrade.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's examples/ bundled in this jar (the example dataos-manager chart, its values file
 * and the release manifests and platform states the planners read), so a rehearsal runs on a
 * machine that has only the jar. {@link #extractTo} writes them out.
 */
public final class ExampleChart {

    /** The chart's name, also the release name and namespace the runbook uses. */
    public static final String NAME = "dataos-manager";
    private static final String ROOT = "io/dataos/upgrade/sandbox/examples";


    private ExampleChart() {}

    /**
     * Copies the bundled examples into {@code directory}: the chart to {@code chart/dataos-manager},
     * the values file to {@code dataos-manager-values.yaml}, the manifests beside it.
     */
    public static Extracted extractTo(Path directory) {
        URL marker = ExampleChart.class.getClassLoader().getResource(ROOT + "/chart/" + NAME + "/Chart.yaml");
        if (marker == null) {
            throw new SandboxKubernetesException("the example chart is not bundled in this build: rebuild the sandbox module");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                boolean opened = false;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                    opened = true;
                } catch (java.nio.file.FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                try {
                    copyTree(jar.getPath("/" + ROOT), directory);
                } finally {
                    if (opened) {
                        jar.close();
                    }
                }
            } else {
                Path chartYaml = Path.of(uri);
                copyTree(chartYaml.getParent().getParent().getParent(), directory);
            }
        } catch (IOException | URISyntaxException e) {
            throw new SandboxKubernetesException("could not extract the example chart to " + directory + ": " + e.getMessage(), e);
        }
        return new Extracted(directory, directory.resolve("chart").resolve(NAME),
                directory.resolve(NAME + "-values.yaml"));
    }

    /** The extracted examples: their directory, the chart directory and the dataos-manager values file. */
    public record Extracted(Path directory, Path chart, Path valuesFile) {

        /** An extracted example file, e.g. {@code release-1.5.yaml}. */
        public Path file(String name) {
            return directory.resolve(name);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(from)) {
            sources = walk.toList();
        }
        for (Path source : sources) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                try (InputStream in = Files.newInputStream(source)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
