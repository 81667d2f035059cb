package io.dataos.upgrade.secret;

import java.net.URI;

/**
 * URLs as they may be shown: webhook and API URLs often carry tokens in their path or query
 * (Slack's {@code /services/T…/B…/<token>}, {@code ?key=…}) or in user info, so what is shown keeps
 * only what locates the server.
 */
public final class RedactedUrl {

    private RedactedUrl() {
    }

    /** Scheme, host and port only, e.g. {@code https://hooks.slack.com}; never path, query or user. */
    public static String origin(URI url) {
        if (url == null) {
            return "";
        }
        if (url.getHost() == null) {
            return "(unparseable URL)";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    /** The origin with the path and query replaced by a mask, e.g. {@code https://hooks.slack.com/****}. */
    public static String masked(URI url) {
        String origin = origin(url);
        boolean hasMore = url != null && ((url.getRawPath() != null && url.getRawPath().length() > 1)
                || url.getRawQuery() != null || url.getRawUserInfo() != null);
        return hasMore ? origin + "/****" : origin;
    }

    /** Origin and path, without user info, query or fragment: for health endpoints whose path is the point. */
    public static String withoutQuery(URI url) {
        String origin = origin(url);
        String path = url == null || url.getRawPath() == null ? "" : url.getRawPath();
        return origin + path + (url != null && url.getRawQuery() != null ? "?****" : "");
    }
}
