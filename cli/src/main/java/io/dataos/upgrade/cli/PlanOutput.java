package io.dataos.upgrade.cli;

import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.plan.Plan;
import io.dataos.upgrade.plan.PlanJson;
import io.dataos.upgrade.plan.PlanMarkdown;
import io.dataos.upgrade.api.PlanResult;
import java.io.IOException;
import java.io.PrintWriter;
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

    @Option(names = "--out-dir", paramLabel = "DIR",
            description = "Write plan.json and plan.md into DIR (each replaced atomically), as the dataosPlan step"
                    + " does; standard output then gets the step's result (with --output json) or a summary.")
    Path outDir;

    /**
     * Prints or writes {@code plan}; an empty plan's reason goes to standard error as well.
     *
     * @param type upgrade or rollback, for the result of {@code --out-dir}
     * @param window the maintenance window the caller gave (its spec), or null
     */
    void emit(Plan plan, String type, String window, CommandLine commandLine) throws IOException {
        if (outDir != null) {
            if (out != null) {
                throw new InvalidInputException("--out-dir", String.valueOf(outDir), "give either --out FILE (one"
                        + " rendering) or --out-dir DIR (plan.json and plan.md), not both");
            }
            emitToFolder(plan, type, window, commandLine);
            return;
        }
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
        replace(out, bytes);
        if (!plan.isEmpty()) {
            commandLine.getErr().println("dataos-upgrade: plan " + plan.id() + " written to " + out + ": "
                    + plan.message());
        }
    }

    /** Both renderings into {@code --out-dir}, then the dataosPlan result or a summary on standard output. */
    private void emitToFolder(Plan plan, String type, String window, CommandLine commandLine) throws IOException {
        // both renderings before either file, so a plan that cannot be rendered leaves nothing behind
        byte[] json = PlanJson.write(plan);
        byte[] markdown = PlanMarkdown.render(plan).getBytes(StandardCharsets.UTF_8);
        Path jsonFile = outDir.resolve(PlanResult.PLAN_JSON);
        Path markdownFile = outDir.resolve(PlanResult.PLAN_MARKDOWN);
        replace(jsonFile, json);
        replace(markdownFile, markdown);
        PlanResult result = new PlanResult(type, plan, window, jsonFile.toString(), markdownFile.toString());
        if (plan.isEmpty()) {
            commandLine.getErr().println("dataos-upgrade: " + plan.message());
            commandLine.getErr().flush();
        }
        if (format == Format.JSON) {
            ResultJson.print(commandLine.getOut(), result.toMap());
            return;
        }
        PrintWriter o = commandLine.getOut();
        o.println(type + " plan " + plan.id() + " (" + plan.fromVersion() + " -> " + plan.toVersion() + "): "
                + plan.actions().size() + " action(s), risk " + plan.risk().level() + ", " + plan.gates().size()
                + " gate(s); written to " + jsonFile + " and " + markdownFile);
        o.flush();
    }

    /** Writes {@code bytes} beside {@code file}, then renames it over: a reader never sees half a plan. */
    private static void replace(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
