package io.dataos.upgrade.cli;

import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The output options every plan command shares, and writing the plan with them. */
final class PlanOutput {

    /** How a plan is printed. */
    enum Format {
        JSON,
        MARKDOWN
    }

    /** Accepts json/markdown in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an output format: use json or"
                        + " markdown");
            }
        }
    }

    @Option(names = "--output", paramLabel = "json|markdown", converter = FormatConverter.class,
            description = "Plan format: markdown for review (default), json for scripts and the executor.")
    Format format = Format.MARKDOWN;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the plan to FILE (replaced atomically) instead of standard output.")
    Path out;

    /** Prints or writes {@code plan}; an empty plan's reason goes to standard error as well. */
    void emit(Plan plan, CommandLine commandLine) throws IOException {
        byte[] bytes = format == Format.JSON ? PlanJson.write(plan)
                : PlanMarkdown.render(plan).getBytes(StandardCharsets.UTF_8);
        if (plan.isEmpty()) {
            commandLine.getErr().println("dataos-upgrade: " + plan.message());
        }
        if (out == null) {
            commandLine.getOut().print(new String(bytes, StandardCharsets.UTF_8));
            commandLine.getOut().flush();
            return;
        }
        Path target = out.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (!plan.isEmpty()) {
            commandLine.getErr().println("dataos-upgrade: plan " + plan.id() + " written to " + out + ": "
                    + plan.message());
        }
    }
}
