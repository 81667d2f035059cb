package io.dataos.upgrade.model;

import java.util.regex.Pattern;

/**
 * The character rules for every name a manifest can carry into a command or a file path: component
 * and stack names, owners, Kubernetes namespaces and Helm release names, chart references, image
 * tags, snapshot names, install files. All are ASCII whitelists, so no shell metacharacter, quote,
 * control character or look-alike Unicode letter ever passes.
 */
public final class Identifiers {

    /** Component, stack and cluster names: lower-case letters, digits and {@code . _ + -}. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9._+-]{0,61}[a-z0-9])?");
    /** A Kubernetes namespace (RFC 1123 label). */
    public static final Pattern NAMESPACE = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /**
     * A Helm release name as Helm itself checks it (pkg/chartutil, ValidateReleaseName): a lower-case
     * RFC 1123 subdomain (dot-separated labels, each starting and ending with a letter or digit), at
     * most 53 characters ({@link #releaseNameProblem}).
     */
    public static final Pattern RELEASE_NAME = Pattern.compile(
            "(?=.{1,53}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*");
    /** A Kubernetes label key: an optional DNS-subdomain prefix and '/', then a name of at most 63 characters. */
    public static final Pattern LABEL_KEY = Pattern.compile("(?:(?=[^/]{1,253}/)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?"
            + "(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/)?(?=[^/]{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?");
    /** A Kubernetes label value: empty, or at most 63 letters, digits, '-', '_' and '.', alphanumeric at both ends. */
    public static final Pattern LABEL_VALUE = Pattern.compile("(?:(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?");
    /** A chart reference: {@code repo/chart}, a chart name, or an {@code oci://} reference. */
    public static final Pattern CHART = Pattern.compile(
            "(?:oci://[a-z0-9][a-z0-9.-]*(?::[0-9]{1,5})?/)?[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9._-]*)*");
    /** A container image tag, as the OCI distribution spec defines it. */
    public static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    /** An owner: a team name, a person or an e-mail address. */
    public static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@+-]{0,127}");
    /** A snapshot or backup name (cloud snapshot ids, pg_dump file stems). */
    public static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");
    /** A relative, '/'-separated path made of plain segments. */
    public static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(?:/[A-Za-z0-9_][A-Za-z0-9._-]*)*");

    private Identifiers() {}

    /**
     * Checks a relative file path: no absolute path, no {@code ..} or {@code .} segment, no
     * backslash, nothing but plain characters. Returns the problem and fix, or null when it is fine.
     */
    public static String relativePathProblem(String path) {
        if (path.isEmpty()) {
            return "is empty: give a path relative to the workspace, e.g. environments/prod/flare.yaml";
        }
        if (path.startsWith("/") || path.startsWith("~") || path.matches("^[A-Za-z]:.*")) {
            return "'" + printable(path) + "' is absolute: give a path relative to the workspace";
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return "'" + printable(path) + "' contains a '" + segment + "' segment (path traversal): give a plain"
                        + " path inside the workspace";
            }
        }
        if (path.length() > 1024 || !RELATIVE_PATH.matcher(path).matches()) {
            return "'" + printable(path) + "' is not a plain relative path: use letters, digits, '.', '_', '-' and '/'"
                    + " only";
        }
        return null;
    }

    /** Why {@code name} is not a release name Helm accepts, with the fix, or null when it is one. */
    public static String releaseNameProblem(String name) {
        if (RELEASE_NAME.matcher(name).matches()) {
            return null;
        }
        return "'" + printable(name) + "' is not a release name Helm accepts: use at most 53 lower-case letters,"
                + " digits, '-' and '.', each dot-separated part starting and ending with a letter or digit (e.g."
                + " dataos-manager)";
    }

    /**
     * Why {@code label} ({@code key} or {@code key=value}, as {@code kubectl label} takes it) is not a
     * Kubernetes label, with the fix, or null when it is one.
     */
    public static String labelProblem(String label) {
        int eq = label.indexOf('=');
        String key = eq < 0 ? label : label.substring(0, eq);
        String value = eq < 0 ? "" : label.substring(eq + 1);
        if (LABEL_KEY.matcher(key).matches() && LABEL_VALUE.matcher(value).matches()) {
            return null;
        }
        return "'" + printable(label) + "' is not a Kubernetes label: write key or key=value, the key an optional"
                + " prefix and '/' and a name of at most 63 letters, digits, '-', '_' and '.', the value the same"
                + " (e.g. app.kubernetes.io/part-of=dataos)";
    }

    /**
     * Why chart reference {@code chart} reaches outside the workspace (an absolute or home path, a
     * {@code ..} segment, a backslash path, a {@code file:} URL), with the fix, or null when it does not.
     */
    public static String chartPathProblem(String chart) {
        if (chart.startsWith("oci://") || chart.startsWith("https://")) {
            return chart.contains("/../") || chart.endsWith("/..") ? "'" + printable(chart) + "' climbs with '..':"
                    + " give the chart's URL as is" : null;
        }
        boolean outside = chart.startsWith("/") || chart.startsWith("~") || chart.matches("^[A-Za-z]:.*")
                || chart.contains("\\") || chart.contains(":");
        for (String segment : chart.split("/", -1)) {
            outside |= segment.equals("..");
        }
        if (!outside) {
            return null;
        }
        return "'" + printable(chart) + "' leaves the workspace: give REPO/NAME (dataos/dataos-manager), an oci:// or"
                + " https:// URL, or a chart folder inside the workspace (charts/dataos-manager)";
    }

    /**
     * {@code text} made safe to quote in a message: control and non-ASCII characters become
     * {@code \\uXXXX} so an error message cannot itself carry terminal escapes, and long values are cut.
     */
    public static String printable(String text) {
        return io.dataos.upgrade.yaml.Printable.of(text);
    }
}
