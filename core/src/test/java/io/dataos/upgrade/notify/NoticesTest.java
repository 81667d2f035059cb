package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoticesTest {

    static final String NOTES = """
            # DataOS 1.12.0

            ## Highlights
            - **Lens 2** with [semantic caching](https://docs.example/lens)
            - Faster `Flare` job start-up

            ## Bug fixes
            * Metis search no longer times out on large catalogs

            ## Breaking changes
            - Poros 3 drops the v1 API: move depots to v2 before upgrading

            ## Contributors
            - someone
            """;

    static UpgradeAnnouncement announcement() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        return new UpgradeAnnouncement("dataos.acme.example", "1.11.4", "1.12.0",
                ZonedDateTime.of(2025, 12, 6, 22, 0, 0, 0, berlin), ZonedDateTime.of(2025, 12, 6, 23, 30, 0, 0, berlin),
                Duration.ofMinutes(45), ReleaseNotesMarkdown.parse(NOTES, 10, "https://docs.acme.example/dataos/1.12.0"),
                Map.of(Audience.DATA_PRODUCT_CONSUMERS, List.of("The sales-360 data product moves to Lens 2.")),
                "#dataos-ops");
    }

    @Test
    void releaseNotesGiveHighlightsAndBreakingChangesAsPlainText() {
        io.dataos.upgrade.model.ReleaseNotes notes = ReleaseNotesMarkdown.parse(NOTES, 10, "https://docs.acme.example/dataos/1.12.0");

        assertThat(notes.highlights()).containsExactly("Lens 2 with semantic caching", "Faster Flare job start-up",
                "Metis search no longer times out on large catalogs");
        assertThat(notes.breaking()).containsExactly(
                "Poros 3 drops the v1 API: move depots to v2 before upgrading");
        assertThat(ReleaseNotesMarkdown.parse(NOTES, 1, null).highlights()).hasSize(1);
    }

    @Test
    void announcementGoesToEveryAudienceWithDateWindowAndDowntime() {
        List<Notice> notices = announcement().render();

        assertThat(notices).extracting(Notice::audience).containsExactly(Audience.values());
        assertThat(notices).allSatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.ANNOUNCEMENT);
            assertThat(n.subject()).isEqualTo("[DataOS] Planned upgrade of dataos.acme.example to 1.12.0 on 2025-12-06");
            assertThat(n.text()).contains("Planned window: Saturday 6 December 2025, 22:00–23:30 CET (UTC+01:00)")
                    .contains("Expected downtime: 45 minutes")
                    .contains("1.11.4 → 1.12.0")
                    .contains("Lens 2 with semantic caching")
                    .contains("To: " + n.audience().title());
            assertThat(n.markdown()).contains("- **Planned window:** Saturday 6 December 2025").contains("## Release"
                    + " highlights");
        });
    }

    @Test
    void eachAudienceIsToldWhatChangesForIt() {
        Map<Audience, Notice> byAudience = new java.util.EnumMap<>(Audience.class);
        announcement().render().forEach(n -> byAudience.put(n.audience(), n));

        assertThat(byAudience.get(Audience.DATA_PRODUCT_CONSUMERS).text())
                .contains("Full release notes: https://docs.acme.example/dataos/1.12.0")
                .contains("may be unavailable during the window (expected downtime: 45 minutes)")
                .contains("The sales-360 data product moves to Lens 2.")
                .doesNotContain("Poros 3 drops the v1 API");
        assertThat(byAudience.get(Audience.DATA_PRODUCT_DEVELOPERS).text())
                .contains("Do not deploy or change data products")
                .contains("Breaking changes to check before the window")
                .contains("Poros 3 drops the v1 API")
                .doesNotContain("sales-360");
        assertThat(byAudience.get(Audience.OPERATORS).text())
                .contains("rollback plan to 1.11.4 is ready").contains("Poros 3 drops the v1 API");
        assertThat(byAudience.get(Audience.OTHER_TEAMS).text())
                .contains("Route DataOS incidents during the window to #dataos-ops");
    }

    @Test
    void rollbackNoticeSaysWhyWhenAndWhatFailed() {
        List<Notice> notices = new RollbackNotice("dataos.acme.example", "1.12.0", "1.11.4",
                "post-upgrade validation failed", ZonedDateTime.of(2025, 12, 6, 23, 5, 0, 0, ZoneId.of("UTC")),
                Duration.ofMinutes(90), List.of("lens queries: HTTP 500", "api error rate: 0.31 > 0.05"), null)
                .render();

        assertThat(notices).hasSize(4).allSatisfy(n -> {
            assertThat(n.kind()).isEqualTo(NoticeKind.ROLLBACK);
            assertThat(n.subject()).isEqualTo("[DataOS] Rollback of dataos.acme.example to 1.11.4");
            assertThat(n.text()).contains("is being rolled back from 1.12.0 to 1.11.4: post-upgrade validation failed")
                    .contains("Rollback starts: Saturday 6 December 2025, 23:05 UTC (UTC+00:00)")
                    .contains("Expected downtime: 1 hour 30 minutes")
                    .contains("lens queries: HTTP 500");
        });
        assertThat(notices.get(1).text()).contains("Stop deployments now");
        assertThat(notices.get(2).text()).contains("top down: User Space, then Core Kernel, then Cloud Kernel");
    }

    @Test
    void debriefSharesCauseLessonsAndChangesWithEveryAudience() {
        List<Notice> notices = new StakeholderDebrief("dataos.acme.example", "upgrade-42",
                "Upgrade to 1.12.0 rolled back to 1.11.4", List.of("22:10 upgrade applied", "22:40 validation failed"),
                "Lens 2 needed a Poros v2 depot that was not migrated", "Lens queries failed for 35 minutes",
                List.of("Validate depot versions before the window"), List.of("Add a depot-version pre-check"), null)
                .render();

        assertThat(notices).hasSize(4).allSatisfy(n -> assertThat(n.text())
                .contains("Root cause").contains("Lens 2 needed a Poros v2 depot")
                .contains("Validate depot versions before the window").contains("Add a depot-version pre-check")
                .contains("Run: upgrade-42"));
    }

    @Test
    void markupInInputsIsShownLiterallyNotInterpreted() {
        List<Notice> notices = new RollbackNotice("dataos.acme.example", "1.12.0", "1.11.4",
                "<img src=x onerror=alert(1)> [click](http://evil.example) | # heading", ZonedDateTime.now(),
                null, List.of(), null).render();

        assertThat(notices.get(0).markdown()).contains("\\<img src=x onerror=alert(1)\\>")
                .contains("\\[click\\](http://evil.example) \\| # heading").doesNotContain("[click](");
        assertThat(notices.get(0).text()).contains("<img src=x onerror=alert(1)> [click](http://evil.example)");
        assertThat(notices.get(0).text()).contains("Expected downtime: none expected");
    }
}
