package io.dataos.upgrade.api;

import io.dataos.upgrade.runbook.VerificationHandler;
import io.dataos.upgrade.runbook.RunbookSettings;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.notify.Notice;
import io.dataos.upgrade.notify.NoticeChannels;
import io.dataos.upgrade.notify.StakeholderDebrief;
import io.dataos.upgrade.notify.StakeholderNotifier;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.report.JournalRunRecords;
import io.dataos.upgrade.report.RunRecord;
import io.dataos.upgrade.report.RunReports;
import io.dataos.upgrade.run.EventType;
import io.dataos.upgrade.run.Journal;
import io.dataos.upgrade.run.JournalEvent;
import io.dataos.upgrade.run.JournalReader;
import io.dataos.upgrade.run.RunHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The run report and the root-cause-analysis report of one run (runbook: issue investigation,
 * documentation, process enhancements, stakeholder debrief), from its journal and the verification
 * results it kept, as Markdown and self-contained HTML, with the stakeholder debrief drafted per
 * audience beside them (written as files only: share it once the RCA is filled in).
 */
public final class ReportRunbook {

    private final RunbookPorts ports;

    public ReportRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Writes the reports of the run the request names.
     *
     * @throws InvalidInputException when neither a run id nor a journal is given, or the run has no journal
     */
    public ReportResult run(ReportRequest request) throws IOException, InterruptedException {
        RunbookSettings settings = RunbookSettings.load(ports.workspace(), request.settings()).with(request.overrides());
        String runId = runId(request);
        RunHistory history = JournalReader.read(ports.workspace(), runId);
        if (history.isEmpty()) {
            throw new InvalidInputException(request.journal() != null ? "journal" : "runId",
                    request.journal() != null ? "journal" : "runId", "run '" + runId + "' has no journal ("
                    + Journal.pathOf(runId) + " does not exist or is empty): check the run id; runs are listed under "
                    + Journal.RUNS_DIR);
        }
        String dir = request.outputDir() != null
                ? RunbookSettings.relativePath("report request", "outputDir", request.outputDir())
                : defaultDir(settings, runId);
        List<String> verifications;
        if (request.verifications() == null) {
            verifications = verificationFiles(settings, history);
        } else {
            verifications = new ArrayList<>();
            for (String file : request.verifications()) {
                String path = RunbookSettings.relativePath("report request", "verifications", file);
                if (!ports.workspace().exists(path)) {
                    throw new InvalidInputException(file, "(file)", "does not exist in the workspace (given in"
                            + " verifications): check the path, e.g. the json path verify returned");
                }
                verifications.add(path);
            }
        }
        String instance = request.instance() != null ? request.instance() : settings.instance();
        return write(ports, instance, settings, history, dir, verifications, request.kind());
    }

    /** Where the reports of {@code runId} go unless the caller says otherwise. */
    static String defaultDir(RunbookSettings settings, String runId) {
        return settings.stateDir() + "/reports/" + runId;
    }

    static ReportResult write(RunbookPorts ports, RunbookSettings settings, RunHistory history, String dir)
            throws IOException, InterruptedException {
        return write(ports, settings.instance(), settings, history, dir, verificationFiles(settings, history), "run");
    }

    private static ReportResult write(RunbookPorts ports, String instance, RunbookSettings settings,
            RunHistory history, String dir, List<String> verificationFiles, String reportKind)
            throws IOException, InterruptedException {
        String runId = history.runId();
        List<String> read = new ArrayList<>();
        for (String file : verificationFiles) {
            if (ports.workspace().exists(file)) {
                read.add(file);
            }
        }
        RunRecord record = JournalRunRecords.read(ports.workspace(), runId, instance, read, List.of());
        List<String> files = new ArrayList<>(RunReports.write(ports.workspace(), dir, record));
        List<Notice> debrief = debrief(instance, settings, record).render();
        StakeholderNotifier.Published published = new StakeholderNotifier(ports.workspace(), ports.secrets())
                .publish(dir + "/debrief", debrief, NoticeChannels.none());
        List<String> debriefFiles = published.files().stream().filter(f -> f.endsWith(".md") && !f.endsWith(
                "/deliveries.md")).toList();
        files.addAll(published.files());
        String base = dir + "/";
        ports.log().accept("reports of run " + runId + " written under " + dir);
        return new ReportResult(runId, record.kind().name().toLowerCase(Locale.ROOT), record.outcome(),
                base + RunReports.RUN_REPORT + ".md", base + RunReports.RUN_REPORT + ".html",
                base + RunReports.RCA_REPORT + ".md", base + RunReports.RCA_REPORT + ".html", debriefFiles,
                record.failedChecks().size(), files, reportKind, record.actions().size(), record.approvals().size(),
                read);
    }

    /** The verification.json of every VALIDATE and VERIFY_ROLLBACK action the run planned, in plan order. */
    static List<String> verificationFiles(RunbookSettings settings, RunHistory history) {
        Set<String> files = new LinkedHashSet<>();
        for (JournalEvent e : history.events()) {
            if (e.is(EventType.ACTION_PLANNED) || e.is(EventType.ACTION_WOULD_RUN)) {
                String kind = e.text("kind");
                if (ActionKind.VALIDATE.name().equals(kind) || ActionKind.VERIFY_ROLLBACK.name().equals(kind)) {
                    files.add(VerificationHandler.resultsFile(settings, history.runId(), e.actionId()));
                }
            }
        }
        return new ArrayList<>(files);
    }

    private static StakeholderDebrief debrief(String instance, RunbookSettings settings, RunRecord record) {
        List<String> happened = new ArrayList<>();
        String versions = record.versions().stream().filter(v -> v.component().equals("dataos-manager")).findFirst()
                .map(v -> " (dataos-manager " + v.before() + " -> " + v.after() + ")").orElse("");
        happened.add("The " + record.kind().name().toLowerCase(Locale.ROOT) + " run " + record.runId() + versions
                + " ended " + record.outcome() + ".");
        for (RunRecord.FailedCheck failed : record.failedChecks()) {
            happened.add("The " + failed.purpose().title() + " check '" + failed.result().name() + "' did not pass: "
                    + failed.result().message());
        }
        return new StakeholderDebrief(instance, record.runId(), record.kind().name().toLowerCase(Locale.ROOT)
                + " " + record.outcome(), happened, null, null, List.of(), List.of(), settings.notices().contact());
    }

    private static String runId(ReportRequest request) {
        String given = request.runId() == null || request.runId().isBlank() ? null
                : Journal.checkRunId(request.runId().strip(), "runId");
        if (request.journal() == null || request.journal().isBlank()) {
            if (given != null) {
                return given;
            }
            throw new InvalidInputException("report request", "runId", "is missing: give the run id (or the path of"
                    + " its journal, " + Journal.RUNS_DIR + "/<runId>/journal.jsonl)");
        }
        String path = request.journal().strip().replace('\\', '/');
        String prefix = Journal.RUNS_DIR + "/";
        if (!path.startsWith(prefix) || !path.endsWith("/journal.jsonl")) {
            throw new InvalidInputException("report request", "journal", "'" + path + "' is not a run journal: give "
                    + Journal.RUNS_DIR + "/<runId>/journal.jsonl or the run id");
        }
        String ofJournal = Journal.checkRunId(path.substring(prefix.length(), path.length() - "/journal.jsonl".length()),
                "journal");
        if (given != null && !given.equals(ofJournal)) {
            throw new InvalidInputException(path, "runId", "the journal belongs to run '" + ofJournal + "', not '" + given
                    + "': give the journal or the run id alone, or the two of one run");
        }
        return ofJournal;
    }
}
