package io.dataos.upgrade.notify;

import io.dataos.upgrade.model.Stakeholders.Audience;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.run.CrashPoints;
import io.dataos.upgrade.text.TextDocument;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Informs stakeholders: writes every notice into the workspace (Markdown and plain text), then
 * delivers it to its audience's webhooks and e-mail addresses. The files are always written first;
 * a delivery that fails is reported in the result and in {@code deliveries.md}, never thrown, and
 * webhook URLs and passwords are never shown.
 */
public final class StakeholderNotifier {

    /** What publishing did: the files written and every delivery attempt. */
    public record Published(List<String> files, List<DeliveryResult> deliveries) {
        public Published {
            files = List.copyOf(files);
            deliveries = List.copyOf(deliveries);
        }

        public boolean allDelivered() {
            return deliveries.stream().allMatch(DeliveryResult::delivered);
        }

        public List<DeliveryResult> failures() {
            return deliveries.stream().filter(d -> !d.delivered()).toList();
        }
    }

    /** The file beside the notices listing each delivery made so far, one line each. */
    public static final String SENT = "deliveries-sent.txt";

    private final Workspace workspace;
    private final SecretProvider secrets;
    private HttpClient http;
    private Duration webhookTimeout = Duration.ofSeconds(15);
    private Consumer<String> log = line -> { };

    public StakeholderNotifier(Workspace workspace, SecretProvider secrets) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    public StakeholderNotifier httpClient(HttpClient client) {
        this.http = Objects.requireNonNull(client);
        return this;
    }

    public StakeholderNotifier webhookTimeout(Duration timeout) {
        this.webhookTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    public StakeholderNotifier log(Consumer<String> sink) {
        this.log = Objects.requireNonNull(sink);
        return this;
    }

    /**
     * Writes {@code notices} under {@code dir} ({@code <dir>/<kind>-<audience>.md} and {@code .txt}),
     * then delivers each through {@code channels}.
     *
     * @throws IOException only when the files cannot be written; delivery problems are in the result
     */
    public Published publish(String dir, List<Notice> notices, NoticeChannels channels)
            throws IOException, InterruptedException {
        String base = dir.endsWith("/") ? dir : dir + "/";
        List<String> files = new ArrayList<>();
        for (Notice notice : notices) {
            String name = base + notice.kind().fileName() + "-" + notice.audience().key();
            workspace.write(name + ".md", notice.markdown().getBytes(StandardCharsets.UTF_8));
            workspace.write(name + ".txt", notice.text().getBytes(StandardCharsets.UTF_8));
            files.add(name + ".md");
            files.add(name + ".txt");
        }
        log.accept("wrote " + notices.size() + " notice(s) under " + base);
        // Each delivery is recorded as it succeeds, so a run killed halfway does not send it again on resume.
        String sent = base + SENT;
        Set<String> sentBefore = new HashSet<>();
        if (workspace.exists(sent)) {
            sentBefore.addAll(List.of(new String(workspace.read(sent), StandardCharsets.UTF_8).split("\n")));
        }
        List<DeliveryResult> deliveries = new ArrayList<>();
        for (Notice notice : notices) {
            NoticeChannels.Recipients to = channels.of(notice.audience());
            for (WebhookTarget hook : to.webhooks()) {
                deliveries.add(once(notice, "webhook", hook.shown(), sentBefore, sent, () -> webhook(notice, hook)));
            }
            if (!to.emails().isEmpty()) {
                deliveries.add(once(notice, "email", String.join(", ", to.emails()), sentBefore, sent,
                        () -> email(notice, to.emails(), channels.smtp())));
            }
        }
        for (DeliveryResult d : deliveries) {
            log.accept((d.delivered() ? "delivered " : "NOT delivered ") + d.kind().fileName() + " for "
                    + d.audience().key() + " by " + d.channel() + " to " + d.target() + ": " + d.detail());
        }
        String report = base + "deliveries.md";
        workspace.write(report, deliveryReport(deliveries).getBytes(StandardCharsets.UTF_8));
        files.add(report);
        return new Published(files, deliveries);
    }

    /** One delivery, unless an earlier attempt of the run recorded it as delivered; recorded once it is. */
    private DeliveryResult once(Notice notice, String channel, String target, Set<String> sentBefore, String sent,
            Delivery delivery) throws IOException, InterruptedException {
        String key = notice.kind().fileName() + " " + notice.audience().key() + " " + channel + " "
                + target.replace('\n', ' ');
        if (sentBefore.contains(key)) {
            return new DeliveryResult(notice.kind(), notice.audience(), channel, target, true,
                    "delivered by an earlier attempt of this run (not sent again)");
        }
        DeliveryResult result = delivery.deliver();
        if (result.delivered()) {
            workspace.append(sent, (key + "\n").getBytes(StandardCharsets.UTF_8));
            CrashPoints.reach("notice.delivered");
        }
        return result;
    }

    /** A delivery still to make. */
    private interface Delivery {
        DeliveryResult deliver() throws InterruptedException;
    }

    private DeliveryResult webhook(Notice notice, WebhookTarget hook) throws InterruptedException {
        List<Secret> mask = new ArrayList<>();
        URI url = hook.url();
        String shown = hook.shown();
        if (hook.urlSecret() != null) {
            Secret secret;
            try {
                secret = secrets.require(hook.urlSecret());
            } catch (MissingSecretException e) {
                return new DeliveryResult(notice.kind(), notice.audience(), "webhook", shown, false, e.getMessage());
            }
            mask.add(secret);
            try {
                url = new URI(secret.reveal().strip());
                if (url.getHost() == null || !(url.getScheme().equals("https") || url.getScheme().equals("http"))) {
                    throw new URISyntaxException("(hidden)", "not an http(s) URL");
                }
            } catch (URISyntaxException | NullPointerException e) {
                return new DeliveryResult(notice.kind(), notice.audience(), "webhook", shown, false, "secret '"
                        + hook.urlSecret() + "' does not hold an http(s) URL: store the full webhook URL in it");
            }
        }
        return new WebhookDelivery(client(), webhookTimeout).deliver(notice, url, shown, mask);
    }

    private DeliveryResult email(Notice notice, List<String> to, SmtpSettings smtp) {
        String shown = String.join(", ", to);
        if (smtp == null) {
            return new DeliveryResult(notice.kind(), notice.audience(), "email", shown, false, "no smtp settings:"
                    + " add an smtp section to the channels file");
        }
        Secret password = null;
        if (smtp.user() != null) {
            try {
                password = secrets.require(smtp.passwordSecret());
            } catch (MissingSecretException e) {
                return new DeliveryResult(notice.kind(), notice.audience(), "email", shown, false, e.getMessage());
            }
        }
        return new SmtpDelivery(smtp, password).deliver(notice, to);
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(webhookTimeout).followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }

    private static String deliveryReport(List<DeliveryResult> deliveries) {
        TextDocument doc = new TextDocument("Notice deliveries");
        if (deliveries.isEmpty()) {
            doc.paragraph("No channel is configured: the notices were written as files only; share them by hand.");
        } else {
            long failed = deliveries.stream().filter(d -> !d.delivered()).count();
            doc.strong(failed == 0 ? "All " + deliveries.size() + " deliveries succeeded."
                    : failed + " of " + deliveries.size() + " deliveries failed: share those notices by hand (the"
                    + " files are beside this one).");
            List<List<String>> rows = new ArrayList<>();
            for (DeliveryResult d : deliveries) {
                rows.add(List.of(d.kind().fileName(), d.audience().title(), d.channel(), d.target(),
                        d.delivered() ? "delivered" : "FAILED", d.detail()));
            }
            doc.table(List.of("Notice", "Audience", "Channel", "Target", "Result", "Detail"), rows);
        }
        return doc.toMarkdown();
    }

}
