package io.dataos.upgrade.helm;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The Helm release the runbook upgrades: release name, namespace, chart reference and an optional
 * chart version (null: the repository's latest). {@link #DATAOS_MANAGER} is the runbook's own.
 */
public record HelmTarget(String release, String namespace, String chart, String chartVersion) {

    // Kubernetes DNS-1123 label rules (declared first: the constant below needs it), which Helm applies to release names and namespaces.
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    /** {@code helm ... -n dataos-manager dataos-manager dataos/dataos-manager}, as in runbook step 4. */
    public static final HelmTarget DATAOS_MANAGER =
            new HelmTarget("dataos-manager", "dataos-manager", "dataos/dataos-manager", null);

    public HelmTarget {
        check("release", release, 53);
        check("namespace", namespace, 63);
        if (chart == null || chart.isBlank() || chart.startsWith("-")) {
            throw new InvalidInputException("helm target", "chart", "'" + chart
                    + "' is not a chart reference: use REPO/NAME (dataos/dataos-manager), a path or an oci:// URL");
        }
        if (chartVersion != null && (chartVersion.isBlank() || chartVersion.startsWith("-"))) {
            throw new InvalidInputException("helm target", "chartVersion", "'" + chartVersion
                    + "' is not a chart version: use a version such as 1.12.0, or leave it empty for the latest");
        }
    }

    private static void check(String field, String value, int maxLength) {
        if (value == null || value.length() > maxLength || !DNS_LABEL.matcher(value).matches()) {
            throw new InvalidInputException("helm target", field, "'" + value + "' is not a valid Kubernetes name:"
                    + " use lower-case letters, digits and '-', at most " + maxLength + " characters");
        }
    }

    public HelmTarget withChartVersion(String version) {
        return new HelmTarget(release, namespace, chart, version);
    }
}
