package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.loopback.LoopbackHttp;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

class StakeholderNotifierTest {

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup(0, "127.0.0.1",
            ServerSetup.PROTOCOL_SMTP)).withConfiguration(GreenMailConfiguration.aConfig()
            .withUser("dataos-upgrade@acme.example", "dataos-upgrade", TestSecrets.SMTP_PASSWORD));

    private Path dir;
    private KeptOutputs.Log log;

    @BeforeEach
    void setUp(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName();
        dir = KeptOutputs.dir(getClass(), name);
        log = KeptOutputs.log(getClass(), name);
    }

    private StakeholderNotifier notifier(SecretProvider secrets) {
        return new StakeholderNotifier(new LocalWorkspace(dir), secrets).log(log)
                .webhookTimeout(Duration.ofSeconds(2));
    }

    private static SmtpSettings smtp(String user) {
        return new SmtpSettings("127.0.0.1", MAIL.getSmtp().getPort(), false, false, "dataos-upgrade@acme.example",
                user, "smtp-password", Duration.ofSeconds(5));
    }

    /** A provider with the test secrets plus a webhook URL secret pointing at {@code url}. */
    private static SecretProvider withHook(String url) {
        SecretProvider base = TestSecrets.provider();
        return name -> name.equals("ops-webhook") ? Optional.of(Secret.of("ops-webhook", url)) : base.find(name);
    }

    @Test
    void noticesAreWrittenAsMarkdownAndTextEvenWithoutChannels() throws Exception {
        StakeholderNotifier.Published published = notifier(TestSecrets.provider())
                .publish("notices/upgrade-42", NoticesTest.announcement().render(), NoticeChannels.none());

        assertThat(published.deliveries()).isEmpty();
        assertThat(published.files()).contains("notices/upgrade-42/announcement-dataProductConsumers.md",
                "notices/upgrade-42/announcement-dataProductConsumers.txt", "notices/upgrade-42/announcement-otherTeams.txt",
                "notices/upgrade-42/deliveries.md").hasSize(9);
        assertThat(Files.readString(dir.resolve("notices/upgrade-42/announcement-dataProductDevelopers.md")))
                .startsWith("# \\[DataOS\\] Planned upgrade of dataos.acme.example to 1.12.0");
        assertThat(Files.readString(dir.resolve("notices/upgrade-42/deliveries.md")))
                .contains("written as files only");
    }

    @Test
    void webhookReceivesTheNoticeAsSlackCompatibleJson() throws Exception {
        try (LoopbackHttp slack = new LoopbackHttp("/services/", n -> LoopbackHttp.Answer.text(200, "ok"))) {
            String hook = slack.base() + "/services/T000/B000/" + TestSecrets.WEBHOOK_TOKEN;
            NoticeChannels channels = new NoticeChannels(Map.of(Audience.OPERATORS,
                    new NoticeChannels.Recipients(List.of(), List.of(new WebhookTarget(null, "ops-webhook")))), null);

            StakeholderNotifier.Published published = notifier(withHook(hook))
                    .publish("notices", NoticesTest.announcement().render(), channels);

            assertThat(slack.received()).hasSize(1);
            LoopbackHttp.Received post = slack.received().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/services/T000/B000/" + TestSecrets.WEBHOOK_TOKEN);
            com.fasterxml.jackson.databind.JsonNode payload = new ObjectMapper().readTree(post.body());
            assertThat(payload.size()).as("only the text field").isEqualTo(1);
            assertThat(payload.get("text").asText()).startsWith("[DataOS] Planned upgrade of dataos.acme.example")
                    .contains("To: DataOS Operators or Platform Administrators");
            assertThat(published.allDelivered()).isTrue();
            assertThat(published.deliveries().get(0).target()).isEqualTo("webhook from secret 'ops-webhook'");
            assertThat(published.deliveries().get(0).detail()).isEqualTo("HTTP 200 ok");
            log.keep("webhook body", post.body());
        }
    }

    @Test
    void failedWebhookIsReportedWithTheUrlMaskedAndTheFilesStayWritten() throws Exception {
        try (LoopbackHttp slack = new LoopbackHttp("/", n -> LoopbackHttp.Answer.text(404,
                "no_service for /services/T000/B000/" + TestSecrets.WEBHOOK_TOKEN))) {
            URI hook = URI.create(slack.base() + "/services/T000/B000/" + TestSecrets.WEBHOOK_TOKEN + "?x=1");
            NoticeChannels channels = new NoticeChannels(Map.of(Audience.DATA_PRODUCT_CONSUMERS,
                    new NoticeChannels.Recipients(List.of(), List.of(new WebhookTarget(hook, null)))), null);

            StakeholderNotifier.Published published = notifier(TestSecrets.provider())
                    .publish("notices", NoticesTest.announcement().render(), channels);

            DeliveryResult failure = published.failures().get(0);
            assertThat(failure.delivered()).isFalse();
            assertThat(failure.target()).isEqualTo(slack.base() + "/****");
            assertThat(failure.detail()).isEqualTo("HTTP 404 no_service for ****")
                    .doesNotContain(TestSecrets.WEBHOOK_TOKEN);
            assertThat(dir.resolve("notices/announcement-dataProductConsumers.md")).isRegularFile();
            assertThat(Files.readString(dir.resolve("notices/deliveries.md"))).contains("1 of 1 deliveries failed")
                    .contains("FAILED").doesNotContain(TestSecrets.WEBHOOK_TOKEN);
            assertThat(log.lines()).anyMatch(l -> l.startsWith("NOT delivered announcement for dataProductConsumers by webhook"))
                    .noneMatch(l -> l.contains(TestSecrets.WEBHOOK_TOKEN));
        }
    }

    @Test
    void unreachableWebhookIsAFailedDeliveryNotAnException() throws Exception {
        URI hook = URI.create("http://127.0.0.1:" + LoopbackHttp.closedPort() + "/hooks/" + TestSecrets.WEBHOOK_TOKEN);
        NoticeChannels channels = new NoticeChannels(Map.of(Audience.OTHER_TEAMS,
                new NoticeChannels.Recipients(List.of(), List.of(new WebhookTarget(hook, null)))), null);

        StakeholderNotifier.Published published = notifier(TestSecrets.provider())
                .publish("notices", NoticesTest.announcement().render(), channels);

        assertThat(published.failures()).singleElement().satisfies(d -> {
            assertThat(d.detail()).startsWith("cannot post: ConnectException");
            assertThat(d.detail() + d.target()).doesNotContain(TestSecrets.WEBHOOK_TOKEN);
        });
    }

    @Test
    void emailReachesTheAudienceThroughSmtpWithLogin() throws Exception {
        NoticeChannels channels = new NoticeChannels(Map.of(Audience.DATA_PRODUCT_DEVELOPERS,
                new NoticeChannels.Recipients(List.of("dev-leads@acme.example", "platform-dev@acme.example"), List.of())),
                smtp("dataos-upgrade"));

        StakeholderNotifier.Published published = notifier(TestSecrets.provider())
                .publish("notices", NoticesTest.announcement().render(), channels);

        assertThat(published.allDelivered()).as(published.deliveries().toString()).isTrue();
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).hasSize(2);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[DataOS] Planned upgrade of dataos.acme.example to 1.12.0 on"
                + " 2025-12-06");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("dataos-upgrade@acme.example");
        assertThat(mail.getAllRecipients()).extracting(Object::toString)
                .containsExactly("dev-leads@acme.example", "platform-dev@acme.example");
        assertThat(((String) mail.getContent())).contains("To: Data Product Development teams")
                .contains("Do not deploy or change data products");
        assertThat(mail.getHeader("X-DataOS-Notice")[0]).isEqualTo("announcement/dataProductDevelopers");
    }

    @Test
    void smtpLoginRefusedIsReportedWithoutThePassword() throws Exception {
        SecretProvider wrongPassword = name -> name.equals("smtp-password")
                ? Optional.of(Secret.of("smtp-password", TestSecrets.SMTP_PASSWORD + "-wrong")) : Optional.empty();
        NoticeChannels channels = new NoticeChannels(Map.of(Audience.OPERATORS,
                new NoticeChannels.Recipients(List.of("ops@acme.example"), List.of())), smtp("dataos-upgrade"));

        StakeholderNotifier.Published published = notifier(wrongPassword)
                .publish("notices", NoticesTest.announcement().render(), channels);

        assertThat(MAIL.getReceivedMessages()).isEmpty();
        DeliveryResult failure = published.failures().get(0);
        assertThat(failure.channel()).isEqualTo("email");
        assertThat(failure.detail()).startsWith("not sent via 127.0.0.1:" + MAIL.getSmtp().getPort())
                .doesNotContain(TestSecrets.SMTP_PASSWORD);
        assertThat(dir.resolve("notices/announcement-operators.txt")).isRegularFile();
    }

    @Test
    void missingSmtpPasswordIsAFailedDeliveryNamingTheSecret() throws Exception {
        NoticeChannels channels = new NoticeChannels(Map.of(Audience.OPERATORS,
                new NoticeChannels.Recipients(List.of("ops@acme.example"), List.of())), smtp("dataos-upgrade"));

        StakeholderNotifier.Published published = notifier(name -> Optional.empty())
                .publish("notices", NoticesTest.announcement().render(), channels);

        assertThat(published.failures()).singleElement().satisfies(d -> assertThat(d.detail())
                .contains("secret 'smtp-password' is not configured"));
    }

    @Test
    void smtpServerDownIsAFailedDelivery() throws Exception {
        SmtpSettings down = new SmtpSettings("127.0.0.1", LoopbackHttp.closedPort(), false, false,
                "dataos-upgrade@acme.example", null, null, Duration.ofSeconds(2));
        NoticeChannels channels = new NoticeChannels(Map.of(Audience.OPERATORS,
                new NoticeChannels.Recipients(List.of("ops@acme.example"), List.of())), down);

        StakeholderNotifier.Published published = notifier(TestSecrets.provider())
                .publish("notices", NoticesTest.announcement().render(), channels);

        assertThat(published.failures()).singleElement().satisfies(d -> assertThat(d.detail())
                .startsWith("not sent via 127.0.0.1:"));
        assertThat(published.files()).hasSize(9);
    }
}
