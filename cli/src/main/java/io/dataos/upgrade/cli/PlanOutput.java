package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.PlanRequest;
import io.dataos.upgrade.api.PlanResult;
import io.dataos.upgrade.api.PlanRunbook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
     * Plans {@code request} with the runbook and prints or writes the plan; an empty plan's reason
     * goes to standard error as well.
     */
    void emit(PlanRunbook runbook, PlanRequest request, CommandLine commandLine)
            throws IOException, InterruptedException {
        if (outDir != null) {
            if (out != null) {
                throw new InvalidInputException("--out-dir", String.valueOf(outDir), "give either --out FILE (one"
                        + " rendering) or --out-dir DIR (plan.json and plan.md), not both");
            }
            PlanResult result = runbook.run(request.withOutDir(outDir));
            suggested(result, commandLine);
            emitToFolder(result, commandLine);
            return;
        }
        PlanResult result = runbook.run(request);
        suggested(result, commandLine);
        byte[] bytes = format == Format.JSON ? result.json() : result.markdown().getBytes(StandardCharsets.UTF_8);
        if (result.empty()) {
            commandLine.getErr().println("dataos-upgrade: " + result.summary());
        }
        if (out == null) {
            commandLine.getOut().print(new String(bytes, StandardCharsets.UTF_8));
            commandLine.getOut().flush();
            return;
        }
        PlanRunbook.writeReplacing(out, bytes);
        if (!result.empty()) {
            commandLine.getErr().println("dataos-upgrade: plan " + result.planId() + " written to " + out + ": "
                    + result.summary());
        }
    }

    /** Says on standard error which window was suggested, and why, when the plan used a suggestion. */
    private static void suggested(PlanResult result, CommandLine commandLine) {
        if (result.windowSuggestion() != null) {
            commandLine.getErr().println("dataos-upgrade: " + result.windowSuggestion().message());
            commandLine.getErr().flush();
        }
    }

    /** After both renderings were written into {@code --out-dir}: the dataosPlan result or a summary. */
    private void emitToFolder(PlanResult result, CommandLine commandLine) {
        if (result.empty()) {
            commandLine.getErr().println("dataos-upgrade: " + result.summary());
            commandLine.getErr().flush();
        }
        if (format == Format.JSON) {
            ResultJson.print(commandLine.getOut(), result.toMap());
            return;
        }
        PrintWriter o = commandLine.getOut();
        o.println(result.type() + " plan " + result.planId() + " (" + result.fromVersion() + " -> "
                + result.toVersion() + "): " + result.actionCount() + " action(s), risk " + result.risk() + ", "
                + result.gateCount() + " gate(s); written to " + result.planJson() + " and " + result.planMarkdown());
        o.flush();
    }
}
