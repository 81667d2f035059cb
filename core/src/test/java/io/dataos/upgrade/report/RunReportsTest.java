package io.dataos.upgrade.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.run.CommandActionHandler;
import io.dataos.upgrade.run.PlanExecutor;
import io.dataos.upgrade.run.PreApprovedGates;
import io.dataos.upgrade.run.RunRequest;
import io.dataos.upgrade.run.RunResult;
import io.dataos.upgrade.run.RunStatus;
import io.dataos.upgrade.verify.CheckBasics;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.CheckType;
import io.dataos.upgrade.verify.HttpCheck;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.workspace.LocalWorkspace;
import io.dataos.upgrade.text.Gantt;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportsTest {

    /** The lens endpoint fails the post-upgrade validation, then answers after the rollback. */
    static final String LENS_ERROR = "<script>alert(1)</script> & \"boom\" depot poros-v1 not found";

    private static Path dir;
    private static LocalWorkspace workspace;
    private static KeptOutputs.Log log;
    private static RunRecord rollbackRecord;

    /** One upgrade that fails its validation and the rollback after it, run once for every test here. */
    @BeforeAll
    static void runUpgradeThenRollback() throws Exception {
        dir = KeptOutputs.dir(RunReportsTest.class, "upgrade-then-rollback");
        workspace = new LocalWorkspace(dir);
        log = KeptOutputs.log(RunReportsTest.class, "upgrade-then-rollback");
        try (LoopbackHttp lens = new LoopbackHttp("/lens", n -> LoopbackHttp.Answer.text(n == 0 ? 500 : 200,
                n == 0 ? LENS_ERROR : "ok"))) {
            rollbackRecord = upgradeThenRollback(lens);
        }
    }

    private static String json(List<String> argv) throws Exception {
        return new ObjectMapper().writeValueAsString(argv);
    }

    private static PlanAction action(String id, Phase phase, Layer layer, String component, ActionKind kind,
            String from, String to, List<String> dependsOn, boolean gate, String command) throws Exception {
        return new PlanAction(id, phase, layer, component, kind, from, to, dependsOn, gate,
                gate ? List.of("metis-owner") : List.of(), id, Map.of("command", json(List.of("sh", "-c", command))));
    }

    /** Runs a real upgrade that fails its validation, then the rollback run, both through the executor. */
    private static RunRecord upgradeThenRollback(LoopbackHttp lens) throws Exception {
        Verification verification = new Verification(new LocalCommandRunner(), TestSecrets.provider(), workspace)
                .log(log);
        HttpCheck lensQueries = new HttpCheck(CheckBasics.of("lens queries", Layer.USER_SPACE, Duration.ofSeconds(2)),
                URI.create(lens.base() + "/lens/v2/query"), Set.of(200), null, null);
        ActionHandlers handlers = ActionHandlers.builder()
                .on(ActionKind.VALIDATE, (action, context) -> {
                    VerificationReport report = verification.run(VerificationPurpose.POST_UPGRADE,
                            List.of(lensQueries), true);
                    // kept at once: the rollback that follows removes what the evidence describes
                    VerificationOutputs.write(context.workspace(), "runs/upgrade-42/verification", report);
                    return report.shouldRollBack() ? ActionOutcome.failed(report.rollbackReason().orElseThrow(), "")
                            : ActionOutcome.done("validation passed");
                })
                .on(ActionKind.VERIFY_ROLLBACK, (action, context) -> {
                    VerificationReport report = verification.run(VerificationPurpose.POST_ROLLBACK,
                            List.of(lensQueries), false);
                    VerificationOutputs.write(context.workspace(), "runs/rollback-42/verification", report);
                    return report.passed() ? ActionOutcome.done("post-rollback verification passed")
                            : ActionOutcome.failed("post-rollback verification failed", "");
                })
                .onEveryOtherKind(new CommandActionHandler()).build();
        PlanExecutor executor = PlanExecutor.builder(workspace, new LocalCommandRunner(), handlers)
                .secrets(TestSecrets.provider()).log(log)
                .approvals(new PreApprovedGates(Map.of("approve-metis", "maria.owner"))).build();

        RunResult upgrade = executor.run(RunRequest.of("upgrade-42", "upgrade-1.12.0", List.of(
                action("backup", Phase.PREPARE, null, null, ActionKind.BACKUP, null, null, List.of(), false,
                        "echo backup written"),
                action("upgrade-manager", Phase.MANAGER, null, "dataos-manager", ActionKind.HELM_UPGRADE, "1.11.4",
                        "1.12.0", List.of("backup"), false, "echo upgraded"),
                action("validate", Phase.VERIFY, null, null, ActionKind.VALIDATE, null, null,
                        List.of("upgrade-manager"), false, "true"))).by("jenkins:ops-pipeline#42"));
        assertThat(upgrade.status()).isEqualTo(RunStatus.FAILED);

        RunResult rollback = executor.run(RunRequest.of("rollback-42", "rollback-to-1.11.4", List.of(
                // as the planner writes it: the gate names the change it is about
                action("approve-metis", Phase.CORE_KERNEL, Layer.CORE_KERNEL, "metis", ActionKind.OWNER_APPROVAL,
                        "2.0.0", "1.9.3", List.of(), true, "true"),
                action("rollback-metis", Phase.CORE_KERNEL, Layer.CORE_KERNEL, "metis", ActionKind.ROLLBACK_COMPONENT,
                        "2.0.0", "1.9.3", List.of("approve-metis"), false, "echo metis rolled back"),
                action("iac-rollback", Phase.CLOUD_KERNEL, Layer.CLOUD_KERNEL, null, ActionKind.IAC_ROLLBACK, "3.2.0",
                        "3.1.0", List.of("rollback-metis"), false, "echo infrastructure rolled back"),
                action("rollback-manager", Phase.MANAGER, null, "dataos-manager", ActionKind.HELM_ROLLBACK, "1.12.0",
                        "1.11.4", List.of("iac-rollback"), false, "echo manager rolled back"),
                action("verify-rollback", Phase.VERIFY, null, null, ActionKind.VERIFY_ROLLBACK, null, null,
                        List.of("rollback-manager"), false, "true"))).by("jenkins:ops-pipeline#43"));
        assertThat(rollback.status()).isEqualTo(RunStatus.SUCCEEDED);

        return JournalRunRecords.read(workspace, "rollback-42", "dataos.acme.example",
                List.of("runs/upgrade-42/verification/verification.json",
                        "runs/rollback-42/verification/verification.json"), null);
    }

    @Test
    void recordFromARealJournalHasVersionsActionsApprovalsAndTheFailedCheckWithItsEvidence() throws Exception {
        RunRecord record = rollbackRecord;

        assertThat(record.kind()).isEqualTo(RunRecord.Kind.ROLLBACK);
        assertThat(record.outcome()).isEqualTo("SUCCEEDED");
        assertThat(record.started()).isBeforeOrEqualTo(record.finished());
        assertThat(record.versions()).as("one row per component; the gate and the IaC rollback are no component")
                .containsExactly(
                new RunRecord.VersionChange("metis", Layer.CORE_KERNEL, "2.0.0", "1.9.3", true),
                new RunRecord.VersionChange("infrastructure (IaC)", Layer.CLOUD_KERNEL, "3.2.0", "3.1.0", true),
                new RunRecord.VersionChange("dataos-manager", null, "1.12.0", "1.11.4", true));
        assertThat(record.actions()).extracting(RunRecord.ActionTaken::id).containsExactly("approve-metis",
                "rollback-metis", "iac-rollback", "rollback-manager", "verify-rollback");
        assertThat(record.actions()).extracting(RunRecord.ActionTaken::phase).containsExactly("CORE_KERNEL",
                "CORE_KERNEL", "CLOUD_KERNEL", "MANAGER", "VERIFY");
        assertThat(record.actions()).allSatisfy(a -> assertThat(a.state()).isEqualTo("SUCCEEDED"));
        assertThat(record.actions().get(1).result()).contains("exited 0");
        assertThat(record.approvals()).singleElement().satisfies(a -> {
            assertThat(a.gate()).isEqualTo("approve-metis");
            assertThat(a.approved()).isTrue();
            assertThat(a.by()).isEqualTo("maria.owner");
            assertThat(Instant.parse(a.at())).isBetween(record.started(), record.finished());
        });
        assertThat(record.timeline()).extracting(RunRecord.TimelineEntry::event)
                .contains("run started", "approve-metis approved", "rollback-metis started",
                        "rollback-metis succeeded", "run finished", "post-upgrade validation NOT PASSED",
                        "post-rollback verification passed");
        assertThat(record.timeline().get(0).event()).as("sorted by time: the failed validation came first")
                .isEqualTo("post-upgrade validation NOT PASSED");
        assertThat(record.failedChecks()).singleElement().satisfies(f -> {
            assertThat(f.purpose()).isEqualTo(VerificationPurpose.POST_UPGRADE);
            assertThat(f.result().name()).isEqualTo("lens queries");
            assertThat(f.result().evidence()).contains("depot poros-v1 not found");
        });
        assertThat(record.debriefAudiences()).containsExactly(Audience.values());
    }

    @Test
    void upgradeRunRecordShowsTheFailedValidationAndVersionsNotAllApplied() throws Exception {
        RunRecord upgrade = JournalRunRecords.read(workspace, "upgrade-42", "dataos.acme.example",
                List.of("runs/upgrade-42/verification/verification.json"), List.of(Audience.OPERATORS));

        assertThat(upgrade.kind()).isEqualTo(RunRecord.Kind.UPGRADE);
        assertThat(upgrade.outcome()).isEqualTo("FAILED");
        assertThat(upgrade.versions()).containsExactly(
                new RunRecord.VersionChange("dataos-manager", null, "1.11.4", "1.12.0", true));
        assertThat(upgrade.actions()).filteredOn(a -> a.id().equals("validate")).singleElement()
                .satisfies(a -> assertThat(a.result()).startsWith("post-upgrade validation failed: lens queries"));
        assertThat(upgrade.timeline()).extracting(RunRecord.TimelineEntry::event).contains("validate FAILED");
    }

    @Test
    void reportsAreWrittenAsMarkdownAndSelfContainedHtml() throws Exception {
        RunRecord record = rollbackRecord;

        List<String> files = RunReports.write(workspace, "runs/rollback-42/reports", record);

        assertThat(files).containsExactly("runs/rollback-42/reports/rca-report.html",
                "runs/rollback-42/reports/rca-report.md", "runs/rollback-42/reports/run-report.html",
                "runs/rollback-42/reports/run-report.md");
        String runMd = Files.readString(dir.resolve("runs/rollback-42/reports/run-report.md"));
        assertThat(runMd).startsWith("# DataOS rollback run rollback-42")
                .contains("| metis | Core Kernel | 2.0.0 | 1.9.3 | yes |")
                .contains("| approve-metis | approved | maria.owner |")
                .contains("## Failed checks and their evidence")
                .contains("<script>alert(1)</script> & \"boom\"");
        String rca = Files.readString(dir.resolve("runs/rollback-42/reports/rca-report.md"));
        assertThat(rca).contains("## 1. Issue investigation", "## 2. Lessons learned", "## 3. Process enhancements",
                "## 4. Stakeholder debrief", "To be filled in: what caused the failure",
                "post-upgrade validation: lens queries FAILED", "\\[ \\] Data Product Consumer teams");
        for (String html : List.of("run-report.html", "rca-report.html")) {
            String page = Files.readString(dir.resolve("runs/rollback-42/reports/" + html));
            assertThat(page).startsWith("<!DOCTYPE html>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"
                    + " &quot;boom&quot;").doesNotContain("<script").doesNotContain("<link")
                    .doesNotContain("<img");
            Matcher refs = Pattern.compile("(?i)(src|href)\\s*=").matcher(page);
            assertThat(refs.find()).as("no external assets in " + html).isFalse();
        }
    }

    /** {@code BackupRecord[runId=…]}, {@code Revision[revision=1, …]}: a Java record's toString. */
    static final Pattern RECORD_DUMP = Pattern.compile("[A-Za-z]+\\\\?\\[[a-z][A-Za-z]*=");

    @Test
    void reportsReadAsWrittenForPeople() throws Exception {
        RunReports.write(workspace, "runs/rollback-42/people", rollbackRecord);

        for (String name : List.of("run-report", "rca-report")) {
            String md = Files.readString(dir.resolve("runs/rollback-42/people/" + name + ".md"));
            String html = Files.readString(dir.resolve("runs/rollback-42/people/" + name + ".html"));
            for (String page : List.of(md, html)) {
                assertThat(RECORD_DUMP.matcher(page).find()).as("no object dump in " + name).isFalse();
                assertThat(page).as("layers as the runbook writes them").doesNotContain("USER_SPACE", "CORE_KERNEL",
                        "CLOUD_KERNEL", "ROLLBACK_COMPONENT", "HELM_ROLLBACK");
            }
            String versions = md.substring(md.indexOf("## Versions before and after"), md.indexOf("## Timeline"));
            assertThat(versions.split("\\| metis \\|", -1)).as("metis once in " + name).hasSize(2);
            assertThat(versions).contains("| infrastructure (IaC) | Cloud Kernel | 3.2.0 | 3.1.0 | yes |");
            assertThat(md).contains("| rollback-metis | rollback component | Core Kernel | metis | done |")
                    .contains("rollback-metis started | rollback component |")
                    .contains("- **Outcome:** succeeded");
        }
    }

    @Test
    void theHtmlReportOpensWithATimelinePictureOfTheRunByLayer() throws Exception {
        String html = RunReports.runReport(rollbackRecord).toHtml();

        int svg = html.indexOf("<svg");
        assertThat(svg).as("the picture comes before every table").isPositive().isLessThan(html.indexOf("<table"))
                .isLessThan(html.indexOf("<dl>"));
        String picture = html.substring(svg, html.indexOf("</svg>"));
        assertThat(picture).contains(">Core Kernel</text>", ">Cloud Kernel</text>", ">dataos-manager release</text>",
                ">Verification</text>", "owner approval metis", "approved by maria.owner",
                "post-upgrade validation failed", "fill=\"" + io.dataos.upgrade.text.Gantt.Style.ROLLBACK.colour()
                        + "\"");
        assertThat(picture.indexOf(">Core Kernel</text>")).as("top-down, as the rollback ran")
                .isLessThan(picture.indexOf(">Cloud Kernel</text>"));
        assertThat(RunReports.runReport(rollbackRecord).toMarkdown())
                .contains("*Timeline of the rollback run rollback-42: 5 action(s) by layer");
    }

    /** Put into a copy of the page only: the report itself runs no script. */
    static final String MEASURE = "<script>(function(){var d=document.documentElement,s=document.querySelector('svg')"
            + ".getBoundingClientRect(),t=0;document.querySelectorAll('table').forEach(function(x){t=Math.max(t,"
            + "x.getBoundingClientRect().right)});document.body.setAttribute('data-measure',[d.scrollWidth,"
            + "window.innerWidth,Math.round(s.top),Math.round(s.width),Math.round(s.height),Math.round(t)].join(' '))"
            + "})();</script>";

    @Test
    void theHtmlReportRendersInARealBrowserFitsALaptopScreenAndPrints(@TempDir Path profile) throws Exception {
        // the screenshot, the PDF and the measured page are kept; the browser's profile is not
        Path browserDir = KeptOutputs.dir(RunReportsTest.class, "browser");
        Optional<HeadlessChromium> found = HeadlessChromium.find(profile);
        Assumptions.assumeTrue(found.isPresent(), "chromium is not installed (Debian: apt-get install -y chromium):"
                + " the HTML report was not checked in a real browser");
        HeadlessChromium chromium = found.orElseThrow();
        Path page = browserDir.resolve("run-report.html");
        Files.writeString(page, RunReports.runReport(rollbackRecord).toHtml());
        Path measured = browserDir.resolve("run-report-measured.html");
        Files.writeString(measured, Files.readString(page).replace("</body>", MEASURE + "</body>"));

        // a laptop screen: the picture in the first screenful, nothing wider than the window
        Path png = browserDir.resolve("run-report-1366x768.png");
        chromium.screenshot(page, png, 1366, 768);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertThat(shot.getWidth()).isEqualTo(1366);
        assertThat(shot.getHeight()).isEqualTo(768);
        assertThat(pixels(shot, Gantt.Style.ROLLBACK.colour())).as("the rollback's bars are drawn on screen")
                .isGreaterThan(50);
        assertThat(pixels(shot, Gantt.Style.GATE.colour())).as("the gate's diamond is drawn").isGreaterThan(10);
        for (int width : List.of(1366, 800)) {
            String dom = chromium.dom(measured, width, 768);
            Matcher m = Pattern.compile("data-measure=\"(\\d+) (\\d+) (-?\\d+) (\\d+) (\\d+) (\\d+)\"").matcher(dom);
            assertThat(m.find()).as("the page was measured at " + width + " px").isTrue();
            int scrollWidth = Integer.parseInt(m.group(1));
            int window = Integer.parseInt(m.group(2));
            assertThat(window).isEqualTo(width);
            assertThat(scrollWidth).as("no horizontal scrolling at " + width + " px").isLessThanOrEqualTo(window);
            assertThat(Integer.parseInt(m.group(3))).as("the picture starts in the first screenful")
                    .isBetween(0, 300);
            assertThat(Integer.parseInt(m.group(4))).as("the picture is as wide as the text, not wider")
                    .isBetween(width / 2, window);
            assertThat(Integer.parseInt(m.group(5))).as("the picture has height").isGreaterThan(100);
            assertThat(Integer.parseInt(m.group(6))).as("tables end inside the window").isLessThanOrEqualTo(window);
            String text = dom.replaceAll("<[^>]+>", " ");
            assertThat(text).contains("DataOS rollback run rollback-42", "Versions before and after", "Core Kernel",
                    "approved by maria.owner", "post-upgrade validation failed", "Timeline of the rollback run");
        }
        Path pdf = browserDir.resolve("run-report.pdf");
        chromium.printToPdf(page, pdf);
        byte[] printed = Files.readAllBytes(pdf);
        assertThat(new String(printed, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        Matcher pages = Pattern.compile("/Type\\s*/Page[^s]").matcher(new String(printed,
                java.nio.charset.StandardCharsets.ISO_8859_1));
        int count = 0;
        while (pages.find()) {
            count++;
        }
        assertThat(count).as("printed on a few A4 pages").isBetween(1, 12);
    }

    /** How many pixels of {@code shot} have the colour {@code hex} (#rrggbb), give or take a little anti-aliasing. */
    private static int pixels(BufferedImage shot, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        int n = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                if (Math.abs((rgb >> 16) - (want >> 16)) < 8 && Math.abs((rgb >> 8 & 0xff) - (want >> 8 & 0xff)) < 8
                        && Math.abs((rgb & 0xff) - (want & 0xff)) < 8) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void debriefIsPrefilledFromTheRunForEveryDebriefAudience() throws Exception {
        RunRecord record = rollbackRecord;

        List<io.dataos.upgrade.notify.Notice> notices = RunReports.debrief(record, "Lens 2 needed Poros v2", null,
                List.of("Rehearse on staging"), null, "#dataos-ops").render();

        assertThat(notices).hasSize(4).allSatisfy(n -> assertThat(n.text())
                .contains("DataOS rollback run rollback-42 ended SUCCEEDED")
                .contains("approve-metis approved: by maria.owner")
                .contains("check lens queries FAILED: GET")
                .contains("Lens 2 needed Poros v2").contains("Impact").contains("Being assessed.")
                .contains("Rehearse on staging"));
    }

    @Test
    void aRecordBuiltByHandRendersWithEmptySectionsSaidPlainly() {
        RunRecord record = new RunRecord("r-1", RunRecord.Kind.UPGRADE, null, Instant.parse("2025-12-06T21:00:00Z"),
                null, null, null, null, null, null, List.of(new VerificationReport(VerificationPurpose.POST_UPGRADE,
                        Instant.parse("2025-12-06T21:10:00Z"), Instant.parse("2025-12-06T21:11:00Z"), List.of(
                        new CheckResult("gw", CheckType.HTTP, null, CheckStatus.PASSED, "ok", "", Duration.ZERO,
                                true)), false)), List.of(Audience.DATA_PRODUCT_CONSUMERS));

        String md = RunReports.runReport(record).toMarkdown();
        String rca = RunReports.rootCauseReport(record).toMarkdown();

        assertThat(md).contains("- **Finished:** not finished", "- **Outcome:** unfinished",
                "The run changed no component version.", "No action was taken.", "No gate needed an approval.",
                "No check failed.", "| post-upgrade validation | 2025-12-06 21:10:00 UTC | passed |");
        assertThat(rca).contains("No verification check failed in this run").contains("\\[ \\] Data Product Consumer"
                + " teams").doesNotContain("Data Product Development teams");
    }
}
