package io.dataos.upgrade.runbook;

import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.ReleaseNotes;
import io.dataos.upgrade.notify.Notice;
import io.dataos.upgrade.notify.RollbackNotice;
import io.dataos.upgrade.notify.StakeholderNotifier;
import io.dataos.upgrade.notify.UpgradeAnnouncement;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Upgrade step 1 ("communicate the planned upgrade date and expected downtime") and pre-rollback
 * step 3 ("notify stakeholders"): renders the upgrade announcement or the rollback notice for every
 * audience, writes them under the run's {@code notices/} directory, then delivers them through the
 * webhooks and SMTP server of the settings. A failed delivery is reported, not fatal: the files are
 * there to share by hand ({@code notices/deliveries.md} says which).
 */
final class AnnounceHandler implements ActionHandler {

    private final RunbookRun run;
    private final Clock clock;

    AnnounceHandler(RunbookRun run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    String dir() {
        return run.outputDir() + "/notices";
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        boolean rollback = "rollback".equals(action.params().get(ActionParams.NOTICE));
        List<Notice> notices = rollback ? rollbackNotice(action).render() : announcement(action).render();
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would write " + notices.size() + " " + (rollback ? "rollback notice(s)"
                    : "announcement(s)") + " under " + dir() + " and deliver them through the configured channels");
        }
        StakeholderNotifier.Published published = new StakeholderNotifier(context.workspace(),
                RunbookRun.secrets(context)).log(context::log)
                .publish(dir(), notices, run.settings().notices().channels());
        String delivery = published.deliveries().isEmpty() ? "no channel configured, files only"
                : published.failures().isEmpty() ? "all " + published.deliveries().size() + " deliveries succeeded"
                : published.failures().size() + " of " + published.deliveries().size() + " deliveries FAILED: share"
                        + " those notices by hand (see " + dir() + "/deliveries.md)";
        return ActionOutcome.done((rollback ? "rollback notice" : "upgrade announcement") + " for "
                + notices.size() + " audience(s) written under " + dir() + "; " + delivery);
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        // deliveries.md is written after every delivery was attempted: do not send the notices twice
        return context.workspace().exists(dir() + "/deliveries.md");
    }

    private UpgradeAnnouncement announcement(PlanAction action) {
        Duration downtime = duration(action.params().get(ActionParams.DOWNTIME));
        Optional<MaintenanceWindow.Slot> slot = Optional.empty();
        ZoneId zone = ZoneOffset.UTC;
        String spec = action.params().get(ActionParams.WINDOW);
        if (spec != null) {
            MaintenanceWindow window = MaintenanceWindow.parse(spec);
            slot = window.next(clock.instant());
            if (window instanceof MaintenanceWindow.Weekly weekly) {
                zone = weekly.zone();
            }
        }
        // Without an agreed window the announcement says "from now": the approve-window gate follows.
        Instant start = slot.map(MaintenanceWindow.Slot::start).orElse(clock.instant());
        Instant end = slot.map(MaintenanceWindow.Slot::end).orElse(start.plus(downtime.isZero()
                ? Duration.ofMinutes(30) : downtime));
        PlanAction review = run.first(ActionKind.REVIEW_RELEASE_NOTES).orElse(null);
        ReleaseNotes notes = review == null ? null : new ReleaseNotes(
                ReleaseNotesReviewHandler.lines(review.params().get(ActionParams.NOTES_HIGHLIGHTS)),
                ReleaseNotesReviewHandler.lines(review.params().get(ActionParams.NOTES_BREAKING)),
                review.params().get(ActionParams.NOTES_URL));
        return new UpgradeAnnouncement(run.settings().instance(), run.plan().fromVersion(), run.plan().toVersion(),
                ZonedDateTime.ofInstant(start, zone), ZonedDateTime.ofInstant(end, zone), downtime, notes, Map.of(),
                run.settings().notices().contact());
    }

    private RollbackNotice rollbackNotice(PlanAction action) {
        return new RollbackNotice(run.settings().instance(), run.plan().fromVersion(), run.plan().toVersion(),
                run.reason(), ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                duration(action.params().get(ActionParams.DOWNTIME)), run.failedChecks(),
                run.settings().notices().contact());
    }

    private static Duration duration(String iso) {
        if (iso == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return Duration.ZERO;
        }
    }
}
