package io.dataos.upgrade.notify;

import io.dataos.upgrade.secret.RedactedUrl;
import java.net.URI;

/**
 * A Slack- or Teams-compatible incoming webhook: either a URL written in the config, or the name of
 * a secret holding the URL (preferred: webhook URLs carry their token in the path).
 */
public record WebhookTarget(URI url, String urlSecret) {

    public WebhookTarget {
        if ((url == null) == (urlSecret == null)) {
            throw new IllegalArgumentException("a webhook is a url or a urlSecret");
        }
    }

    /** How the target may be shown: the origin with path and query masked, or the secret's name. */
    public String shown() {
        return url != null ? RedactedUrl.masked(url) : "webhook from secret '" + urlSecret + "'";
    }
}
