package io.dataos.upgrade.verify;

import io.dataos.upgrade.secret.RedactedUrl;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * One GET against an endpoint, judged by status code and optionally a body substring. An endpoint
 * that cannot be reached fails the check: being reachable is what a health check verifies.
 */
final class HttpProbe implements Probe<HttpCheck> {

    static final int BODY_EVIDENCE = 2048;

    @Override
    public Outcome probe(HttpCheck check, ProbeContext context) throws Exception {
        Secret token = check.tokenSecret() == null ? null : context.secret(check.tokenSecret());
        return get(context, check.url(), check.expectStatus(), check.bodyContains(), token, check.timeout());
    }

    /** GETs {@code url} and judges the answer; shared with the HTTP form of the inter-layer probe. */
    static Outcome get(ProbeContext context, URI url, Set<Integer> expectStatus, String bodyContains, Secret token,
            Duration timeout) throws InterruptedException {
        String shown = RedactedUrl.withoutQuery(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token.reveal());
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = context.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            return Outcome.failed("GET " + shown + ": no connection within " + DurationText.format(timeout),
                    "GET " + shown + "\n" + e.getClass().getSimpleName());
        } catch (HttpTimeoutException e) {
            return Outcome.failed("GET " + shown + ": no answer within " + DurationText.format(timeout),
                    "GET " + shown + "\n" + e.getClass().getSimpleName());
        } catch (ConnectException e) {
            return Outcome.failed("GET " + shown + ": connection refused or host down",
                    "GET " + shown + "\n" + e.getClass().getSimpleName());
        } catch (IOException e) {
            return Outcome.failed("GET " + shown + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), "GET " + shown);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // an error page may echo the request, query keys included
        String body = RedactedUrl.scrub(response.body() == null ? "" : response.body(), url, false);
        String evidence = "GET " + shown + " → HTTP " + response.statusCode() + " in " + millis + " ms\n"
                + Evidence.head(body, BODY_EVIDENCE);
        if (!expectStatus.contains(response.statusCode())) {
            return Outcome.failed("GET " + shown + " answered HTTP " + response.statusCode() + ", expected "
                    + String.join(" or ", new TreeSet<>(expectStatus).stream().map(String::valueOf).toList()),
                    evidence);
        }
        if (bodyContains != null && !body.contains(bodyContains)) {
            return Outcome.failed("GET " + shown + " answered HTTP " + response.statusCode()
                    + " but the body does not contain '" + bodyContains + "'", evidence);
        }
        return Outcome.passed("GET " + shown + " answered HTTP " + response.statusCode() + " in " + millis + " ms",
                evidence);
    }
}
