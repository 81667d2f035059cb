package io.dataos.upgrade.verify;

import java.util.List;
import java.util.Locale;

/**
 * Tells "the cluster could not be asked" from "the cluster said no" in kubectl's and Helm's output:
 * the first makes a check an ERROR (nothing was verified), the second a FAILED check.
 */
final class KubeErrors {

    private static final List<String> UNREACHABLE = List.of(
            "unable to connect to the server",
            "the connection to the server",
            "kubernetes cluster unreachable",
            "couldn't get current server api group list",
            "no configuration has been provided",
            "context was not found",
            "error: context \"");

    private KubeErrors() {
    }

    static boolean clusterUnreachable(String output) {
        String lower = output == null ? "" : output.toLowerCase(Locale.ROOT);
        return UNREACHABLE.stream().anyMatch(lower::contains);
    }
}
