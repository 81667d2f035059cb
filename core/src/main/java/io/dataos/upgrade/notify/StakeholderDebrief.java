package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.text.TextDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The debrief shared after a rollback (runbook root cause analysis: stakeholder debrief): what
 * happened, the root cause as far as known, the impact, lessons learned and the process changes
 * that follow, sent to every audience.
 */
public record StakeholderDebrief(String instance, String runId, String outcome, List<String> whatHappened,
        String rootCause, String impact, List<String> lessonsLearned, List<String> processImprovements,
        String contact) {

    public StakeholderDebrief {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(outcome, "outcome");
        runId = runId == null ? "" : runId;
        whatHappened = List.copyOf(whatHappened == null ? List.of() : whatHappened);
        rootCause = rootCause == null || rootCause.isBlank() ? "Under investigation; a follow-up will say." : rootCause;
        impact = impact == null || impact.isBlank() ? "Being assessed." : impact;
        lessonsLearned = List.copyOf(lessonsLearned == null ? List.of() : lessonsLearned);
        processImprovements = List.copyOf(processImprovements == null ? List.of() : processImprovements);
        contact = contact == null || contact.isBlank() ? "the DataOS platform team" : contact;
    }

    public List<Notice> render() {
        List<Notice> notices = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            TextDocument doc = new TextDocument("[DataOS] Debrief: " + outcome + " on " + instance);
            doc.paragraph("To: " + audience.title());
            doc.facts(List.of(Map.entry("Outcome", outcome), Map.entry("Run", runId.isEmpty() ? "—" : runId),
                    Map.entry("Contact", contact)));
            doc.heading("What happened");
            doc.bullets(whatHappened.isEmpty() ? List.of(outcome) : whatHappened);
            doc.heading("Root cause");
            doc.paragraph(rootCause);
            doc.heading("Impact");
            doc.paragraph(impact);
            doc.heading("Lessons learned");
            doc.bullets(lessonsLearned.isEmpty() ? List.of("To be recorded at the review.") : lessonsLearned);
            doc.heading("What we change");
            doc.bullets(processImprovements.isEmpty() ? List.of("To be agreed at the review.") : processImprovements);
            notices.add(Notice.of(NoticeKind.DEBRIEF, audience, doc));
        }
        return notices;
    }
}
