package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.leakcheck.TestSecrets;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoticeChannelsTest {

    static final String CHANNELS = """
            smtp:
              host: smtp.acme.example
              from: dataos-upgrade@acme.example
              user: dataos-upgrade
              passwordSecret: smtp-password
              timeout: 20s
            audiences:
              dataProductConsumers:
                emails: [analytics@acme.example]
              dataProductDevelopers:
                webhookSecrets: [dev-webhook]
              operators:
                emails: [ops@acme.example]
                webhooks: ["https://hooks.slack.example/services/T1/B2/abc"]
            """;

    @Test
    void channelsFileGivesEachAudienceItsAddressesAndWebhooks() {
        NoticeChannels channels = NoticeChannels.parse("channels.yaml", CHANNELS);

        assertThat(channels.smtp()).isEqualTo(new SmtpSettings("smtp.acme.example", 587, true, false,
                "dataos-upgrade@acme.example", "dataos-upgrade", "smtp-password", Duration.ofSeconds(20)));
        assertThat(channels.of(Audience.DATA_PRODUCT_CONSUMERS).emails()).containsExactly("analytics@acme.example");
        assertThat(channels.of(Audience.DATA_PRODUCT_DEVELOPERS).webhooks())
                .containsExactly(new WebhookTarget(null, "dev-webhook"));
        assertThat(channels.of(Audience.OPERATORS).webhooks().get(0).shown())
                .isEqualTo("https://hooks.slack.example/****");
        assertThat(channels.of(Audience.OTHER_TEAMS).emails()).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', value = {
            "audiences: {managers: {emails: [a@b.c]}};audiences.managers;dataProductConsumers, dataProductDevelopers, operators, otherTeams",
            "audiences: {dataProductConsumers: {emails: [a@b.c]}};audiences.dataProductConsumers.emails;smtp section",
            "smtp: {host: h, from: me};smtp.from;not an e-mail address",
            "smtp: {from: a@b.c};smtp.host;required",
            "smtp: {host: h, from: a@b.c, port: 70000};smtp.port;1 to 65535",
            "smtp: {host: h, from: a@b.c, password: x};smtp.password;passwordSecret",
            "audiences: {operators: {webhooks: [not-a-url]}};audiences.operators.webhooks[0];webhookSecrets",
            "audiences: {operators: {emails: [nobody]}};audiences.operators.emails;not an e-mail address",
            "smtp: {host: &h h, from: a@b.c, user: *h};smtp.user;uses a YAML anchor or alias",
            "smtp: {host: h, from: a@b.c, ssl: maybe};smtp.ssl;write true or false",
            "smtp: {host: h, from: a@b.c, hots: x};smtp.hots;did you mean 'host'?"})
    void badChannelsFileIsRefusedNamingTheField(String yaml, String field, String fix) {
        assertThatThrownBy(() -> NoticeChannels.parse("channels.yaml", yaml))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(fix);
                });
    }

    @Test
    void aBadWebhookUrlIsRefusedWithoutRepeatingIt() {
        String url = "https://hooks.example/services/" + TestSecrets.WEBHOOK_TOKEN + " with space";

        assertThatThrownBy(() -> NoticeChannels.parse("channels.yaml",
                "audiences: {operators: {webhooks: [\"" + url + "\"]}}"))
                .hasMessageNotContaining(TestSecrets.WEBHOOK_TOKEN);
    }

    @Test
    void anEmptyFileMeansFilesOnly() {
        assertThat(NoticeChannels.parse("channels.yaml", "")).isEqualTo(NoticeChannels.none());
        assertThat(new WebhookTarget(URI.create("https://h.example"), null).shown()).isEqualTo("https://h.example");
    }
}
