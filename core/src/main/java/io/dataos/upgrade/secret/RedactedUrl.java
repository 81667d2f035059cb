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

    /**
     * {@code text} with the parts of {@code url} that may be credentials replaced by {@code ****}:
     * user info and query values always, and with {@code pathToo} every path segment of six or more
     * characters (webhook URLs carry their token as a segment). For answers that echo a URL or part of it.
     */
    public static String scrub(String text, URI url, boolean pathToo) {
        if (text == null || url == null) {
            return text;
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (pathToo && url.getRawPath() != null && url.getRawPath().length() > 1) {
            parts.add(url.getRawPath());
            parts.add(url.getPath());
            for (String segment : url.getPath().split("/")) {
                if (segment.length() >= 6) {
                    parts.add(segment);
                }
            }
        }
        if (url.getRawUserInfo() != null) {
            parts.add(url.getRawUserInfo());
            parts.add(url.getUserInfo());
        }
        if (url.getRawQuery() != null) {
            parts.add(url.getRawQuery());
            for (String pair : url.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String value = eq < 0 ? pair : pair.substring(eq + 1);
                if (value.length() >= 4) {
                    parts.add(value);
                    parts.add(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        // longest first, so a whole path is masked before its segments
        parts.sort(java.util.Comparator.comparingInt(String::length).reversed());
        String scrubbed = text;
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                scrubbed = scrubbed.replace(part, "****");
            }
        }
        return scrubbed;
    }

    /** Origin and path, without user info, query or fragment: for health endpoints whose path is the point. */
    public static String withoutQuery(URI url) {
        String origin = origin(url);
        String path = url == null || url.getRawPath() == null ? "" : url.getRawPath();
        return origin + path + (url != null && url.getRawQuery() != null ? "?****" : "");
    }
}
