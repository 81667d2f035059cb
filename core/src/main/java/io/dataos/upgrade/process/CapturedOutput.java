package io.dataos.upgrade.process;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A finished command together with every line it printed (already masked), for adapters that must
 * read what a tool answered ({@code helm status -o json}, {@code kubectl get -o json}) and not only
 * show it.
 */
public record CapturedOutput(Command command, CommandResult result, List<String> lines) {

    public CapturedOutput {
        lines = Collections.unmodifiableList(new ArrayList<>(lines));
    }

    /**
     * Runs {@code command}, keeping all of its output and passing each line to {@code echo} as well
     * (a build log, or a no-op for machine-readable answers that would only clutter the log).
     */
    public static CapturedOutput run(CommandRunner runner, Command command, Consumer<String> echo)
            throws IOException, InterruptedException {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CommandResult result = runner.run(command, line -> {
            lines.add(line);
            echo.accept(line);
        });
        synchronized (lines) {
            return new CapturedOutput(command, result, lines);
        }
    }

    public boolean succeeded() {
        return result.succeeded();
    }

    /** All output joined with newlines. */
    public String text() {
        return String.join("\n", lines);
    }

    /**
     * The JSON document in the output: from the first line that opens an object or array to the end.
     * stdout and stderr arrive merged, so a warning a tool prints first (Helm's "WARNING: Kubernetes
     * configuration file is group-readable") must not be taken for the answer.
     */
    public String jsonText() {
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).stripLeading();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                return String.join("\n", lines.subList(i, lines.size()));
            }
        }
        return "";
    }

    /** The lines a tool printed as errors or the last lines of its output, for an error message. */
    public String errorSummary() {
        List<String> errors = lines.stream()
                .filter(l -> l.startsWith("Error") || l.startsWith("error") || l.startsWith("The connection")
                        || l.contains(": error: ") || l.contains("FATAL:"))
                .toList();
        if (!errors.isEmpty()) {
            return String.join("\n", errors);
        }
        int from = Math.max(0, lines.size() - 10);
        return String.join("\n", lines.subList(from, lines.size()));
    }
}
