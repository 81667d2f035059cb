package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    // 2026-11-25 is a Wednesday.
    private static final Instant WEDNESDAY = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void anAbsoluteIntervalContainsItsStartButNotItsEnd() {
        MaintenanceWindow window = MaintenanceWindow.parse("2026-11-28T02:00Z/2026-11-28T06:00Z");

        assertThat(window.contains(Instant.parse("2026-11-28T02:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-28T05:59:59Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-28T06:00:00Z"))).isFalse();
        assertThat(window.next(WEDNESDAY)).get().extracting(MaintenanceWindow.Slot::start)
                .isEqualTo(Instant.parse("2026-11-28T02:00:00Z"));
    }

    @Test
    void anAbsoluteIntervalMayGiveADurationAndAnOffset() {
        MaintenanceWindow window = MaintenanceWindow.parse("2026-11-28T03:00+01:00/PT4H");

        assertThat(window.next(WEDNESDAY)).get().isEqualTo(new MaintenanceWindow.Slot(
                Instant.parse("2026-11-28T02:00:00Z"), Instant.parse("2026-11-28T06:00:00Z")));
    }

    @Test
    void aWindowEntirelyInThePastIsRefused() {
        assertThatThrownBy(() -> MaintenanceWindow.parse("2026-11-21T02:00Z/2026-11-21T06:00Z", WEDNESDAY, "--window",
                "--window"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--window")
                .hasMessageContaining("ended before now");
        assertThat(MaintenanceWindow.parse("2026-11-25T10:00Z/2026-11-25T14:00Z", WEDNESDAY, "--window", "--window")
                .contains(WEDNESDAY)).isTrue();
    }

    @Test
    void aWeeklySlotFindsTheNextSaturday() {
        MaintenanceWindow window = MaintenanceWindow.parse("SAT 02:00-06:00 UTC");

        assertThat(window.spec()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(window.next(WEDNESDAY)).get().isEqualTo(new MaintenanceWindow.Slot(
                Instant.parse("2026-11-28T02:00:00Z"), Instant.parse("2026-11-28T06:00:00Z")));
        assertThat(window.contains(Instant.parse("2026-11-28T04:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-29T04:00:00Z"))).isFalse();
        assertThat(window.next(Instant.parse("2026-11-28T07:00:00Z"))).get().extracting(MaintenanceWindow.Slot::start)
                .isEqualTo(Instant.parse("2026-12-05T02:00:00Z"));
    }

    @Test
    void aWeeklySlotPastMidnightIsContainedOnTheNextDay() {
        MaintenanceWindow window = MaintenanceWindow.parse("sun 23:00-01:00 Europe/Berlin");

        // Sunday 2026-11-29 23:30 in Berlin (UTC+1) is 22:30Z; Monday 00:30 is 23:30Z.
        assertThat(window.contains(Instant.parse("2026-11-29T22:30:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-29T23:30:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-11-30T00:30:00Z"))).isFalse();
    }

    @Test
    void badWindowsAreRefusedWithBothAcceptedForms() {
        for (String spec : new String[] {"someday", "SAT 02:00-02:00 UTC", "SAT 25:00-06:00 UTC", "XYZ 02:00-06:00 UTC",
            "SAT 02:00-06:00 Mars/Olympus", "2026-11-28T06:00Z/2026-11-28T02:00Z", "2026-11-28T02:00/2026-11-28T06:00",
            "2026-11-28T02:00Z/P30D"}) {
            assertThatThrownBy(() -> MaintenanceWindow.parse(spec)).as(spec).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
