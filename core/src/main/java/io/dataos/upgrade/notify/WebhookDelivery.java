package io.dataos.upgrade.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.secret.RedactedUrl;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Posts a notice to an incoming webhook as {@code {"text": ...}}, the payload Slack and Microsoft
 * Teams both accept. The plain-text rendering is sent, since the two chat tools read Markdown
 * differently.
 */
final class WebhookDelivery {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final Duration timeout;

    WebhookDelivery(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * @param shown how the target may appear in the result; {@code secrets} are masked in every detail
     */
    DeliveryResult deliver(Notice notice, URI url, String shown, List<Secret> secrets) throws InterruptedException {
        String body;
        try {
            body = JSON.writeValueAsString(JSON.createObjectNode().put("text", notice.text()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the webhook payload", e);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String answer = response.body() == null ? "" : response.body().strip();
            if (answer.length() > 200) {
                answer = answer.substring(0, 200) + "…";
            }
            boolean ok = response.statusCode() / 100 == 2;
            return result(notice, shown, ok, "HTTP " + response.statusCode() + (answer.isEmpty() ? "" : " " + answer),
                    secrets, url);
        } catch (HttpTimeoutException e) {
            return result(notice, shown, false, "no answer within " + timeout.toSeconds() + " s", secrets, url);
        } catch (IOException e) {
            return result(notice, shown, false, "cannot post: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), secrets, url);
        }
    }

    private static DeliveryResult result(Notice notice, String shown, boolean ok, String detail, List<Secret> secrets,
            URI url) {
        // a server or the JDK may echo the URL (and so its token) back in an error
        String masked = RedactedUrl.scrub(Secret.mask(detail, secrets).replace(url.toString(), shown), url, true);
        return new DeliveryResult(notice.kind(), notice.audience(), "webhook", shown, ok, masked);
    }
}
