package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.model.ReleaseNotes;
import io.dataos.upgrade.text.TextDocument;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The announcement of a planned upgrade (runbook upgrade step 1: communicate the planned date and
 * expected downtime), rendered once per audience with the window, the downtime, the release's
 * highlights and what changes for that audience. {@code changesFor} adds audience-specific points to
 * the defaults (e.g. a stack consumers use that is removed).
 */
public record UpgradeAnnouncement(String instance, String fromVersion, String toVersion, ZonedDateTime windowStart,
        ZonedDateTime windowEnd, Duration expectedDowntime, ReleaseNotes notes, Map<Audience, List<String>> changesFor,
        String contact) {

    public UpgradeAnnouncement {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("the window ends before it starts");
        }
        expectedDowntime = expectedDowntime == null ? Duration.ZERO : expectedDowntime;
        notes = notes == null ? ReleaseNotes.NONE : notes;
        changesFor = Map.copyOf(changesFor == null ? Map.of() : changesFor);
        contact = contact == null || contact.isBlank() ? "the DataOS platform team" : contact;
    }

    /** One notice per audience, in the runbook's order. */
    public List<Notice> render() {
        return render(EnumSet.allOf(Audience.class));
    }

    public List<Notice> render(Set<Audience> audiences) {
        List<Notice> notices = new ArrayList<>();
        for (Audience audience : Audience.values()) {
            if (audiences.contains(audience)) {
                notices.add(Notice.of(NoticeKind.ANNOUNCEMENT, audience, document(audience)));
            }
        }
        return notices;
    }

    private TextDocument document(Audience audience) {
        String window = NoticeTimes.window(windowStart, windowEnd);
        TextDocument doc = new TextDocument("[DataOS] Planned upgrade of " + instance + " to " + toVersion + " on "
                + NoticeTimes.day(windowStart));
        doc.paragraph("To: " + audience.title());
        doc.paragraph("DataOS on " + instance + " will be upgraded from " + fromVersion + " to " + toVersion
                + " in the maintenance window below.");
        doc.facts(List.of(
                Map.entry("Planned window", window),
                Map.entry("Expected downtime", NoticeTimes.duration(expectedDowntime)),
                Map.entry("Version", fromVersion + " → " + toVersion),
                Map.entry("Contact", contact)));
        doc.heading("Release highlights");
        if (notes.highlights().isEmpty()) {
            doc.paragraph("See the release notes of " + toVersion + (notes.url() == null ? "." : ": " + notes.url()));
        } else {
            doc.bullets(notes.highlights());
            if (notes.url() != null) {
                doc.paragraph("Full release notes: " + notes.url());
            }
        }
        doc.heading("What changes for you");
        List<String> points = new ArrayList<>(defaults(audience));
        points.addAll(changesFor.getOrDefault(audience, List.of()));
        doc.bullets(points);
        if ((audience == Audience.DATA_PRODUCT_DEVELOPERS || audience == Audience.OPERATORS)
                && !notes.breaking().isEmpty()) {
            doc.heading("Breaking changes to check before the window");
            doc.bullets(notes.breaking());
        }
        doc.paragraph("If the upgrade fails its validation, DataOS is rolled back to " + fromVersion
                + " within the same window and you will be told.");
        return doc;
    }

    private List<String> defaults(Audience audience) {
        String downtime = NoticeTimes.duration(expectedDowntime);
        return switch (audience) {
            case DATA_PRODUCT_CONSUMERS -> List.of(
                    "Data products, dashboards and queries served by DataOS may be unavailable during the window"
                            + " (expected downtime: " + downtime + ").",
                    "Queries and jobs running when the window starts may fail; run them again after the all-clear.",
                    "No action is needed from you before the window.");
            case DATA_PRODUCT_DEVELOPERS -> List.of(
                    "Do not deploy or change data products, stacks or workflows during the window.",
                    "Check your workloads against the release notes of " + toVersion + " before the window.",
                    "After the all-clear, confirm your data products run as expected and report anything unusual.");
            case OPERATORS -> List.of(
                    "The upgrade follows the runbook: backup with a restore check, dataos-manager image tag " + toVersion
                            + ", helm upgrade, then post-upgrade validation and a monitoring bake.",
                    "Approve the window and be on call for it; the rollback plan to " + fromVersion + " is ready.",
                    "Watch the Grafana dashboards during the bake and hold other changes until the all-clear.");
            case OTHER_TEAMS -> List.of(
                    "Alerts from DataOS during the window are expected; they are part of the planned work.",
                    "Route DataOS incidents during the window to " + contact + ".");
        };
    }
}
