package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;

/** Running a step as Pipeline does, and what the tests of the wired steps share. */
final class Steps {

    private Steps() {
    }

    /** The run state folder the steps use by default: under the agent's root, outside the workspace. */
    static Path runState(Path agent) {
        return agent.resolve("dataos-upgrade/state");
    }

    /** Where a result path under {@code .dataos-upgrade/} (the run state: journals, backup kits) really is. */
    static Path inRunState(Path agent, String resultPath) {
        assertThat(resultPath).startsWith(".dataos-upgrade/");
        return runState(agent).resolve(resultPath.substring(".dataos-upgrade/".length()));
    }

    /** A clock stopped at {@code instant} (ISO-8601), for runs the tests set up with the engine's classes. */
    static java.time.Clock at(String instant) {
        return java.time.Clock.fixed(java.time.Instant.parse(instant), java.time.ZoneOffset.UTC);
    }

    /** Starts {@code step} in {@code context} as Pipeline does; returns its result or throws its failure. */
    static Map<String, Object> run(Step step, TestStepContext context) throws Exception {
        assertThat(step.start(context).start()).as("start() hands the work to the plugin's threads").isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        return result;
    }

    /**
     * A maintenance window open for the next hours (an ISO interval, as the engine reads it): the same text all
     * day, so that a run started again with it is the same plan (the plan records its window).
     */
    static String windowOpenNow() {
        java.time.Instant start = java.time.Instant.now().minus(java.time.Duration.ofHours(1))
                .truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        return start.toString().replace("T00:00:00Z", "T00:00Z") + "/PT48H";
    }

    /** A weekly window (as the engine writes it, e.g. {@code SUN 01:00-03:00 UTC}) on a day three days from now. */
    static String weeklyWindowNotNow() {
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3).getDayOfWeek()
                .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ROOT).toUpperCase(java.util.Locale.ROOT);
        return day + " 01:00-03:00 UTC";
    }

    /**
     * The result as the Pipeline keeps it: written with Java serialization and read back. Asserts it comes back
     * equal and that {@code secret} is in none of its bytes.
     */
    static Map<String, Object> serialized(Map<String, Object> result, String secret) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        }
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).as("serialized result").doesNotContain(secret);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) in.readObject();
            assertThat(back).isEqualTo(result);
            return back;
        }
    }

    /** Copies the repository's {@code examples/<name>} to {@code workspace/<as>}. */
    static Path example(String name, Path workspace, String as) throws IOException {
        Path source = null;
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("examples").resolve(name))) {
                source = dir.resolve("examples").resolve(name);
                break;
            }
        }
        assertThat(source).as("examples/" + name).isNotNull();
        Path target = workspace.resolve(as);
        Files.createDirectories(target.getParent());
        return Files.copy(source, target);
    }

    /** Every file under {@code dir} whose content holds {@code text}, as relative paths. */
    static java.util.List<String> filesContaining(Path dir, String text) throws IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> {
                try {
                    return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(p -> dir.relativize(p).toString()).toList();
        }
    }
}
