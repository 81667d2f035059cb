package io.dataos.upgrade.verify;

import io.dataos.upgrade.text.MarkdownText;
import java.time.temporal.ChronoUnit;

/** A verification report as Markdown: a verdict, a table of every check, then each problem's evidence. */
public final class VerificationMarkdown {

    private VerificationMarkdown() {
    }

    public static String render(VerificationReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(capitalized(report.purpose().title())).append("\n\n");
        md.append(report.passed() ? "**Result: PASSED**" : "**Result: NOT PASSED**")
                .append(" — ").append(report.count(CheckStatus.PASSED)).append(" passed, ")
                .append(report.count(CheckStatus.FAILED)).append(" failed, ")
                .append(report.count(CheckStatus.ERROR)).append(" error(s), ")
                .append(report.count(CheckStatus.SKIPPED)).append(" skipped.\n\n");
        md.append("Started ").append(report.started().truncatedTo(ChronoUnit.SECONDS)).append(", took ")
                .append(DurationText.human(report.duration())).append(".\n\n");
        report.rollbackReason().ifPresent(reason -> md.append("> **Rollback recommended.** ")
                .append(MarkdownText.inline(reason)).append("\n\n"));
        md.append("| Check | Type | Layer | Status | Time | Message |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (CheckResult r : report.results()) {
            md.append("| ").append(MarkdownText.cell(r.name()))
                    .append(" | ").append(r.type().fileName())
                    .append(" | ").append(r.layer() == null ? "—" : r.layer().name())
                    .append(" | ").append(r.status() == CheckStatus.PASSED ? "PASSED" : "**" + r.status() + "**")
                    .append(r.critical() ? "" : " (non-critical)")
                    .append(" | ").append(DurationText.human(r.duration()))
                    .append(" | ").append(MarkdownText.cell(r.message())).append(" |\n");
        }
        for (CheckResult r : report.problems()) {
            md.append("\n## ").append(r.status()).append(": ").append(MarkdownText.heading(r.name())).append("\n\n");
            md.append(MarkdownText.inline(r.message())).append("\n\n");
            if (!r.evidence().isEmpty()) {
                md.append("Evidence:\n\n").append(MarkdownText.codeBlock(r.evidence()));
            }
        }
        return md.toString();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
