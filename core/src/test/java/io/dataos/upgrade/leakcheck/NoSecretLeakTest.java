package io.dataos.upgrade.leakcheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.metrics.PrometheusEndpoint;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.notify.NoticeChannels;
import io.dataos.upgrade.notify.RollbackNotice;
import io.dataos.upgrade.notify.SmtpSettings;
import io.dataos.upgrade.notify.StakeholderNotifier;
import io.dataos.upgrade.notify.WebhookTarget;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.report.RunRecord;
import io.dataos.upgrade.report.RunReports;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.verify.Check;
import io.dataos.upgrade.verify.CheckBasics;
import io.dataos.upgrade.verify.CommandCheck;
import io.dataos.upgrade.verify.Comparison;
import io.dataos.upgrade.verify.HttpCheck;
import io.dataos.upgrade.verify.PromQlCheck;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Searches everything the verification, notice and report tests left behind (their kept
 * directories, captured logs and Surefire's reports) for the test secrets' values, after first
 * producing a full set of outputs itself with every secret in play, so that it proves something
 * even when it runs alone. Runs last in the module (see junit-platform.properties).
 */
@Order(Integer.MAX_VALUE)
class NoSecretLeakTest {

    @Test
    void noFileOrLogProducedByTheseTestsHoldsATestSecret() throws Exception {
        Path own = produceEveryKindOfOutput();

        List<Path> scanned = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        for (Path root : List.of(KeptOutputs.ROOT, Path.of("target", "surefire-reports").toAbsolutePath())) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    scanned.add(file);
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < TestSecrets.ALL.size(); i++) {
                        if (text.contains(TestSecrets.ALL.get(i))) {
                            // named by position: printing the value would put it in this test's own report
                            leaks.add(KeptOutputs.ROOT.getParent().relativize(file) + " holds TestSecrets.ALL[" + i
                                    + "]");
                        }
                    }
                }
            }
        }

        assertThat(leaks).isEmpty();
        // the scan covered this test's own outputs of every kind, so an empty result means something
        assertThat(scanned).filteredOn(p -> p.startsWith(own)).extracting(p -> extension(p.getFileName().toString()))
                .contains("json", "md", "xml", "txt", "html");
        assertThat(scanned).anyMatch(p -> p.toString().endsWith(".log"));
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** A failing verification, notices and reports where every test secret is used and offered back. */
    private static Path produceEveryKindOfOutput() throws Exception {
        Path dir = KeptOutputs.dir(NoSecretLeakTest.class, "scenario");
        KeptOutputs.Log log = KeptOutputs.log(NoSecretLeakTest.class, "scenario");
        LocalWorkspace workspace = new LocalWorkspace(dir);
        // servers that echo what they were sent, the way error pages and proxies do
        try (LoopbackHttp prometheus = new LoopbackHttp("/", n -> LoopbackHttp.Answer.text(401,
                "bad token: " + TestSecrets.PROMETHEUS_TOKEN));
                LoopbackHttp heimdall = new LoopbackHttp("/", n -> LoopbackHttp.Answer.text(500,
                        "request /health?key=" + TestSecrets.WEBHOOK_TOKEN + " failed"));
                LoopbackHttp slack = new LoopbackHttp("/", n -> LoopbackHttp.Answer.text(403,
                        "invalid_token " + TestSecrets.WEBHOOK_TOKEN))) {
            List<Check> checks = List.of(
                    new PromQlCheck(CheckBasics.of("error rate", null, Duration.ofSeconds(2)),
                            new PrometheusEndpoint(prometheus.base(), "prom", "prometheus-token"), "up", Comparison.LESS,
                            1, Duration.ZERO, null, false),
                    new HttpCheck(CheckBasics.of("heimdall", Layer.CORE_KERNEL, Duration.ofSeconds(2)),
                            URI.create(heimdall.base() + "/health?key=" + TestSecrets.WEBHOOK_TOKEN), Set.of(200), null,
                            "webhook-token"),
                    new CommandCheck(CheckBasics.of("regression", Layer.USER_SPACE, Duration.ofSeconds(5)),
                            List.of("sh", "-c", "echo token=$T pw=$P >&2; exit 1"), null,
                            Map.of("T", "regression-token", "P", "postgres-password"), 0));
            VerificationReport report = new Verification(new LocalCommandRunner(), TestSecrets.provider(), workspace)
                    .log(log).run(VerificationPurpose.POST_UPGRADE, checks, true);
            assertThat(report.problems()).hasSize(3);
            VerificationOutputs.write(workspace, "verification", report);

            SecretProvider secrets = name -> name.equals("ops-webhook")
                    ? Optional.of(Secret.of(name, slack.base() + "/services/T1/B2/" + TestSecrets.WEBHOOK_TOKEN))
                    : TestSecrets.provider().find(name);
            NoticeChannels channels = new NoticeChannels(Map.of(Audience.OPERATORS,
                    new NoticeChannels.Recipients(List.of("ops@acme.example"), List.of(
                            new WebhookTarget(null, "ops-webhook"),
                            new WebhookTarget(URI.create(slack.base() + "/hooks/" + TestSecrets.WEBHOOK_TOKEN), null)))),
                    new SmtpSettings("127.0.0.1", LoopbackHttp.closedPort(), false, false, "dataos@acme.example",
                            "dataos", "smtp-password", Duration.ofSeconds(2)));
            StakeholderNotifier.Published published = new StakeholderNotifier(workspace, secrets).log(log)
                    .publish("notices", new RollbackNotice("dataos.acme.example", "1.12.0", "1.11.4",
                            report.rollbackReason().orElseThrow(), ZonedDateTime.now(), Duration.ofMinutes(30),
                            report.problems().stream().map(p -> p.name() + ": " + p.message()).toList(), null)
                            .render(), channels);
            assertThat(published.failures()).hasSize(3);

            RunRecord record = new RunRecord("upgrade-7", RunRecord.Kind.UPGRADE, "dataos.acme.example",
                    Instant.now(), Instant.now(), "FAILED", null, null, null, null, List.of(report), null);
            RunReports.write(workspace, "reports", record);
        }
        return dir;
    }

    @Test
    void theScanWouldFindASecretIfOneWereWritten() throws IOException {
        Path dir = KeptOutputs.dir(NoSecretLeakTest.class, "canary");
        Path canary = dir.resolve("canary.txt");
        Files.writeString(canary, "oops " + TestSecrets.SMTP_PASSWORD);
        try {
            String text = Files.readString(canary);
            assertThat(TestSecrets.ALL.stream().anyMatch(text::contains)).isTrue();
        } finally {
            Files.delete(canary);
        }
    }
}
