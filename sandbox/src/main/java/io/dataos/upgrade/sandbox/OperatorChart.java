package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dataos.upgrade.api.InvalidInputException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The operator's own chart and values file, rehearsed instead of the bundled example
 * ({@code rehearse --chart DIR|TGZ --values FILE [--to-tag TAG] [--installed STATE --release RELEASE]}),
 * optionally with the operator's own platform state and release manifest instead of the example's.
 * Checked before anything is written; after the sandbox is up, {@link #checkRendered} refuses a
 * chart the sandbox cannot serve, naming the kind and how to leave it out. The manifests' contents
 * are checked by the production runbooks, which read them like any other.
 *
 * @param chart the chart directory (with Chart.yaml) or packaged chart (.tgz)
 * @param values the values file the operator deploys with
 * @param toTag the image tag to upgrade to; {@code null} for the release manifest's
 * @param installed the operator's platform state (kind: PlatformState); {@code null} for the example's
 * @param release the operator's release manifest to upgrade to (kind: Release); {@code null} for the example's
 */
public record OperatorChart(Path chart, Path values, String toTag, Path installed, Path release) {

    /** The operator's chart and values with the example's manifests. */
    public OperatorChart(Path chart, Path values, String toTag) {
        this(chart, values, toTag, null, null);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * The operator's chart, or {@code null} when none was given (the bundled example); refuses bad
     * options, naming the option and the fix. {@code workDir} is cleared by every rehearsal, so
     * neither file may live in it.
     */
    public static OperatorChart of(Path chart, Path values, String toTag, Path workDir) {
        return of(chart, values, toTag, null, null, workDir);
    }

    /**
     * Like {@link #of(Path, Path, String, Path)}, with the operator's platform state and release
     * manifest ({@code --installed}, {@code --release}: both or neither, with {@code --chart}).
     */
    public static OperatorChart of(Path chart, Path values, String toTag, Path installed, Path release, Path workDir) {
        if ((installed == null) != (release == null)) {
            throw new InvalidInputException("rehearse " + (installed == null ? "--release" : "--installed"),
                    installed == null ? "release" : "installed", "--installed and --release go together: the"
                    + " platform state installed now and the release manifest to upgrade to; give both, or neither"
                    + " for the example's");
        }
        if (installed != null && chart == null) {
            throw new InvalidInputException("rehearse --installed", "installed", "--installed and --release go with"
                    + " --chart and --values: the sandbox serves your chart at the versions your manifests name;"
                    + " give --chart DIR|TGZ --values FILE too");
        }
        if (chart == null) {
            if (values != null) {
                throw new InvalidInputException("rehearse --values", "values", "--values goes with --chart: the"
                        + " bundled example has its own values file; give --chart DIR|TGZ too, or leave --values out");
            }
            if (toTag != null) {
                throw new InvalidInputException("rehearse --to-tag", "to-tag", "--to-tag goes with --chart: the"
                        + " bundled example upgrades to its release manifest's tag; give --chart and --values too");
            }
            return null;
        }
        Path work = workDir.toAbsolutePath().normalize();
        Path c = chart.toAbsolutePath().normalize();
        if (!Files.exists(c)) {
            throw new InvalidInputException("rehearse --chart", "chart", chart + " does not exist: give the chart"
                    + " directory (the one with Chart.yaml) or the packaged chart (.tgz)");
        }
        if (Files.isDirectory(c) && !Files.isRegularFile(c.resolve("Chart.yaml"))) {
            throw new InvalidInputException("rehearse --chart", "chart", chart + " has no Chart.yaml: give the chart"
                    + " directory itself (e.g. charts/dataos-manager), not its parent");
        }
        if (Files.isRegularFile(c) && !c.getFileName().toString().matches(".*\\.(tgz|tar\\.gz)$")) {
            throw new InvalidInputException("rehearse --chart", "chart", chart + " is neither a chart directory nor"
                    + " a packaged chart (.tgz, as helm package writes it)");
        }
        if (values == null) {
            throw new InvalidInputException("rehearse --values", "values", "--chart needs --values FILE: the values"
                    + " file you deploy the chart with (its image.tag is set to each release's tag)");
        }
        Path v = values.toAbsolutePath().normalize();
        if (!Files.isRegularFile(v)) {
            throw new InvalidInputException("rehearse --values", "values", values + " is not a file: give the values"
                    + " file you deploy the chart with");
        }
        for (var entry : List.of(java.util.Map.entry("chart", c), java.util.Map.entry("values", v))) {
            if (entry.getValue().startsWith(work)) {
                throw new InvalidInputException("rehearse --" + entry.getKey(), entry.getKey(), entry.getValue()
                        + " is inside the work directory " + work + ", which every rehearsal clears: keep it outside"
                        + " (copy it elsewhere) or choose another --work-dir");
            }
        }
        try {
            if (!(YAML.readTree(v.toFile()) instanceof com.fasterxml.jackson.databind.node.ObjectNode)) {
                throw new InvalidInputException("rehearse --values", "values", values + " is not a YAML mapping of"
                        + " values: give the values file you deploy the chart with");
            }
        } catch (IOException e) {
            throw new InvalidInputException("rehearse --values", "values", values + " is not valid YAML ("
                    + e.getMessage().lines().findFirst().orElse("") + "): fix it or give another file");
        }
        if (toTag != null && !toTag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new InvalidInputException("rehearse --to-tag", "to-tag", "'" + toTag + "' is not an image tag"
                    + " (letters, digits, '_', '.', '-', at most 128, not starting with '.' or '-')");
        }
        Path state = manifest(installed, "installed", work);
        Path target = manifest(release, "release", work);
        return new OperatorChart(c, v, toTag, state, target);
    }

    /** An operator's manifest file: absolute, a file, outside the work directory; null stays null. */
    private static Path manifest(Path file, String option, Path work) {
        if (file == null) {
            return null;
        }
        Path f = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException("rehearse --" + option, option, file + " is not a file: give the "
                    + (option.equals("installed") ? "platform state installed now (kind: PlatformState)"
                    : "release manifest to upgrade to (kind: Release)") + ", format docs/release-manifest.md");
        }
        if (f.startsWith(work)) {
            throw new InvalidInputException("rehearse --" + option, option, f + " is inside the work directory "
                    + work + ", which every rehearsal clears: keep it outside (copy it elsewhere) or choose another"
                    + " --work-dir");
        }
        return f;
    }

    /** The chart directory: {@link #chart} itself, or the packaged chart unpacked into {@code into}. */
    Path directory(Path into) throws IOException {
        if (Files.isDirectory(chart)) {
            return chart;
        }
        Files.createDirectories(into);
        Path root = into.toAbsolutePath().normalize();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(chart)))) {
            untar(in, root);
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException("rehearse --chart", "chart", chart + " is not a gzip-compressed chart"
                    + " archive (" + e.getMessage() + "): give the .tgz helm package wrote, or the chart directory");
        }
        try (var dirs = Files.list(root)) {
            List<Path> charts = dirs.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).toList();
            if (charts.size() != 1) {
                throw new InvalidInputException("rehearse --chart", "chart", chart + " holds " + charts.size()
                        + " charts at its top level (a packaged chart holds one directory with Chart.yaml)");
            }
            return charts.get(0);
        }
    }

    /** A minimal ustar reader: regular files and directories; no entry may leave {@code root}. */
    private void untar(InputStream in, Path root) throws IOException {
        byte[] header = new byte[512];
        while (in.readNBytes(header, 0, 512) == 512) {
            String name = field(header, 0, 100);
            if (name.isEmpty()) {
                return; // end of archive
            }
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            long size = Long.parseLong(field(header, 124, 12).trim().isEmpty() ? "0" : field(header, 124, 12).trim(), 8);
            char type = (char) header[156];
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new InvalidInputException("rehearse --chart", "chart", chart + " has an entry outside the"
                        + " chart (" + name + "): not a chart helm package wrote");
            }
            if (type == '5') {
                Files.createDirectories(target);
                in.skipNBytes(padded(size));
            } else if (type == '0' || type == '\0') {
                Files.createDirectories(target.getParent());
                Files.write(target, in.readNBytes((int) size));
                in.skipNBytes(padded(size) - size);
            } else {
                in.skipNBytes(padded(size)); // links, pax headers: a packaged chart needs none
            }
        }
    }

    private static long padded(long size) {
        return (size + 511) / 512 * 512;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    /**
     * Checks what the chart renders with the operator's values: every kind must be one the
     * sandbox serves, and the manager must be a StatefulSet named like the release in its
     * namespace, running {@code tag} (the runbook sets {@code image.tag}).
     */
    void checkRendered(String manifests, SandboxKubernetes k8s, String release, String namespace, String tag)
            throws IOException {
        boolean manager = false;
        List<String> statefulSets = new ArrayList<>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            String source = document.lines().filter(l -> l.startsWith("# Source: ")).findFirst()
                    .map(l -> l.substring("# Source: ".length())).orElse("a template");
            JsonNode object = YAML.readTree(document);
            if (object == null || !object.isObject() || object.path("kind").asText().isEmpty()) {
                continue;
            }
            String apiVersion = object.path("apiVersion").asText();
            String kind = object.path("kind").asText();
            if (!k8s.serves(apiVersion, kind)) {
                throw new InvalidInputException("rehearse --chart", "kind", source + " renders kind \"" + kind
                        + "\" (apiVersion " + apiVersion + "), which the sandbox cannot serve: leave it out by turning"
                        + " off the value that renders it in --values " + values + ", or put its"
                        + " CustomResourceDefinition in the chart's crds/");
            }
            if ("StatefulSet".equals(kind)) {
                String name = object.path("metadata").path("name").asText();
                String ns = object.path("metadata").path("namespace").asText(namespace);
                statefulSets.add(ns + "/" + name);
                if (name.equals(release) && ns.equals(namespace)) {
                    manager = true;
                    for (JsonNode container : object.path("spec").path("template").path("spec").path("containers")) {
                        if (!container.path("image").asText().endsWith(":" + tag)) {
                            throw new InvalidInputException("rehearse --values", "image.tag", "with image.tag " + tag
                                    + " the chart renders container " + container.path("name").asText() + " of "
                                    + source + " with image " + container.path("image").asText() + ": the runbook"
                                    + " upgrades by setting image.tag, so the chart must take the manager's tag from"
                                    + " it");
                        }
                    }
                }
            }
        }
        if (!manager) {
            throw new InvalidInputException("rehearse --chart", "chart", "the chart renders no StatefulSet "
                    + namespace + "/" + release + " (it renders " + (statefulSets.isEmpty() ? "none"
                    : String.join(", ", statefulSets)) + "): the runbook's manager is the StatefulSet named like the"
                    + " release, in the release's namespace");
        }
    }
}
