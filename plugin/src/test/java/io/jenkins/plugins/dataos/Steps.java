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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;

/** Running a step as Pipeline does, and what the tests of the wired steps share. */
final class Steps {

    private Steps() {
    }

    /** A clock stopped at {@code instant} (ISO-8601). */
    static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** Starts {@code step} in {@code context} judging time by {@code clock}; returns its result or throws its failure. */
    static Map<String, Object> run(Step step, TestStepContext context, Clock clock) throws Exception {
        ((DataosExecution) step.start(context)).withClock(clock).start();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) context.await();
        return result;
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
