package io.dataos.upgrade.runbook;

import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.text.TextDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Upgrade step 1, "review the detailed release notes": writes the release notes of the target
 * release (address, highlights, breaking changes) with the review checklist into the run's output
 * directory as {@code release-notes-<version>.md}, for the operators to read before the window is
 * approved.
 */
final class ReleaseNotesReviewHandler implements ActionHandler {

    private final RunbookRun run;

    ReleaseNotesReviewHandler(RunbookRun run) {
        this.run = run;
    }

    static String file(RunbookRun run, String version) {
        return run.outputDir() + "/release-notes-" + version + ".md";
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String version = action.params().getOrDefault(ActionParams.RELEASE_VERSION, run.plan().toVersion());
        String file = file(run, version);
        List<String> highlights = lines(action.params().get(ActionParams.NOTES_HIGHLIGHTS));
        List<String> breaking = lines(action.params().get(ActionParams.NOTES_BREAKING));
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would write the release notes review of " + version + " to " + file);
        }
        String url = action.params().get(ActionParams.NOTES_URL);
        TextDocument doc = new TextDocument("Release notes review: DataOS " + version);
        doc.facts(List.of(Map.entry("Upgrade", run.plan().fromVersion() + " → " + version),
                Map.entry("Release notes", url == null ? "not linked in the release manifest" : url),
                Map.entry("Plan", run.plan().id()),
                Map.entry("Run", run.runId())));
        doc.heading("Highlights: new features and fixes");
        doc.bullets(highlights.isEmpty() ? List.of("The release manifest lists none: read the full release notes.")
                : highlights);
        doc.heading("Breaking changes and potential impacts");
        doc.bullets(breaking.isEmpty() ? List.of("The release manifest lists none.") : breaking);
        doc.heading("Review checklist");
        doc.bullets(List.of(
                "Read the full release notes" + (url == null ? "." : " at " + url + "."),
                "Check each breaking change against the workloads, stacks and integrations of this instance.",
                "Note the expected downtime and the affected teams for the announcement.",
                "Record who reviewed and any follow-up before approving the window (gate of the downtime planning)."));
        context.workspace().write(file, doc.toMarkdown().getBytes(StandardCharsets.UTF_8));
        return ActionOutcome.done("release notes of " + version + " written for review to " + file + " ("
                + highlights.size() + " highlight(s), " + breaking.size() + " breaking change(s))");
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        return false; // writing the file again is harmless
    }

    static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
