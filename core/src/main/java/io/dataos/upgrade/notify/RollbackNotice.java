package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.text.TextDocument;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The notice sent before a rollback (runbook pre-rollback preparation: notify stakeholders): why
 * DataOS goes back, to which version, when, the expected downtime and, per audience, what to do.
 */
public record RollbackNotice(String instance, String fromVersion, String toVersion, String reason,
        ZonedDateTime start, Duration expectedDowntime, List<String> failedChecks, String contact) {

    public RollbackNotice {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(start, "start");
        reason = reason == null || reason.isBlank() ? "the upgrade did not pass its validation" : reason;
        expectedDowntime = expectedDowntime == null ? Duration.ZERO : expectedDowntime;
        failedChecks = List.copyOf(failedChecks == null ? List.of() : failedChecks);
        contact = contact == null || contact.isBlank() ? "the DataOS platform team" : contact;
    }

    public List<Notice> render() {
        List<Notice> notices = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            notices.add(Notice.of(NoticeKind.ROLLBACK, audience, document(audience)));
        }
        return notices;
    }

    private TextDocument document(Audience audience) {
        TextDocument doc = new TextDocument("[DataOS] Rollback of " + instance + " to " + toVersion);
        doc.paragraph("To: " + audience.title());
        doc.strong("DataOS on " + instance + " is being rolled back from " + fromVersion + " to " + toVersion
                + ": " + reason + ".");
        doc.facts(List.of(
                Map.entry("Rollback starts", NoticeTimes.moment(start)),
                Map.entry("Expected downtime", NoticeTimes.duration(expectedDowntime)),
                Map.entry("Version", fromVersion + " → " + toVersion),
                Map.entry("Contact", contact)));
        if (!failedChecks.isEmpty()) {
            doc.heading("What failed");
            doc.bullets(failedChecks);
        }
        doc.heading("What this means for you");
        doc.bullets(switch (audience) {
            case DATA_PRODUCT_CONSUMERS -> List.of(
                    "Data products and queries may be unavailable until the all-clear.",
                    "Results produced since the upgrade started may need to be refreshed; you will be told which.");
            case DATA_PRODUCT_DEVELOPERS -> List.of(
                    "Stop deployments now and until the all-clear.",
                    "Stacks upgraded with " + fromVersion + " are reinstalled at their " + toVersion
                            + " versions; stacks new in " + fromVersion + " are removed.",
                    "After the all-clear, check that your data products run on " + toVersion + ".");
            case OPERATORS -> List.of(
                    "The rollback runs top down: User Space, then Core Kernel, then Cloud Kernel, as planned.",
                    "Gates for major Core Kernel changes wait for their owners' approval.",
                    "Post-rollback verification (components, regression, data integrity, inter-layer) follows.");
            case OTHER_TEAMS -> List.of(
                    "Expect alerts from DataOS until the all-clear.",
                    "Route DataOS incidents to " + contact + ".");
        });
        doc.paragraph("A debrief with the root cause follows once the platform is stable.");
        return doc;
    }
}
