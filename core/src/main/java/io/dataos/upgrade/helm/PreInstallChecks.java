package io.dataos.upgrade.helm;

import com.github.zafarkhaja.semver.Version;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.kube.KubeNamespace;
import io.dataos.upgrade.kube.KubectlClient;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.values.ManagerValuesFile;
import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The pre-installation checks of runbook step 4, each giving a {@link PreCheck}: helm is present in
 * a supported version, the kube context is reachable, the namespace exists and carries the DataOS
 * label, the chart resolves, the release is not stuck in {@code pending-*} (with the documented
 * recovery), and the values file is valid YAML with an {@code image.tag}. A check that depends on a
 * failed one is reported as skipped, not run.
 */
public final class PreInstallChecks {

    /**
     * The label that marks a namespace as DataOS's unless configured otherwise: the one the public
     * dataos-manager chart's README tells the operator to set ({@code kubectl label ns dataos-manager
     * dataos.io/partOf=dataos}, tmdc-io/dataos-helm charts/dataos-manager/README.md).
     */
    public static final String DEFAULT_NAMESPACE_LABEL = "dataos.io/partOf=dataos";
    /** Also accepted when no label is configured: the Kubernetes recommended label earlier versions required. */
    public static final String RECOMMENDED_NAMESPACE_LABEL = "app.kubernetes.io/part-of=dataos";
    public static final String DEFAULT_MINIMUM_HELM = "3.13.0";
    /** The public chart repository, as the README of the charts' source repository gives it. */
    public static final String CHART_REPOSITORY = "https://tmdc-io.github.io/dataos-helm";
    /** Where the public dataos-manager chart's source and README live. */
    public static final String CHART_SOURCE = "https://github.com/tmdc-io/dataos-helm";

    public static final String HELM = "helm-version";
    public static final String KUBE_CONTEXT = "kube-context";
    public static final String NAMESPACE = "namespace";
    public static final String CHART = "chart";
    public static final String RELEASE_NOT_PENDING = "release-not-pending";
    public static final String VALUES_FILE = "values-file";

    /**
     * What to check: the release, the values file (workspace-relative), the namespace label as
     * {@code key} or {@code key=value} (null: the chart's {@value #DEFAULT_NAMESPACE_LABEL} or
     * {@value #RECOMMENDED_NAMESPACE_LABEL}), and the lowest Helm version accepted.
     */
    public record Settings(HelmTarget target, String valuesFile, String namespaceLabel, String minimumHelmVersion) {

        public Settings {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(valuesFile, "valuesFile");
            minimumHelmVersion = minimumHelmVersion == null ? DEFAULT_MINIMUM_HELM : minimumHelmVersion;
            if (namespaceLabel != null && (namespaceLabel.isBlank() || namespaceLabel.startsWith("="))) {
                throw new InvalidInputException("pre-install checks", "namespaceLabel", "'" + namespaceLabel
                        + "' names no label: use key or key=value, e.g. " + DEFAULT_NAMESPACE_LABEL);
            }
            if (namespaceLabel != null && io.dataos.upgrade.model.Identifiers.labelProblem(namespaceLabel) != null) {
                // printed inside a fix command: only a real label gets there
                throw new InvalidInputException("pre-install checks", "namespaceLabel",
                        io.dataos.upgrade.model.Identifiers.labelProblem(namespaceLabel));
            }
        }
    }

    private final HelmClient helm;
    private final KubectlClient kubectl;
    private final Workspace workspace;

    public PreInstallChecks(HelmClient helm, KubectlClient kubectl, Workspace workspace) {
        this.helm = Objects.requireNonNull(helm);
        this.kubectl = Objects.requireNonNull(kubectl);
        this.workspace = Objects.requireNonNull(workspace);
    }

    /** Runs every check; one failing does not hide the others' results. */
    public List<PreCheck> run(Settings settings) throws InterruptedException {
        List<PreCheck> results = new ArrayList<>();
        PreCheck helmCheck = helmVersion(settings.minimumHelmVersion());
        results.add(helmCheck);
        PreCheck kube = kubeContext();
        results.add(kube);
        results.add(kube.passed() ? namespace(settings) : PreCheck.skipped(NAMESPACE, "the cluster is not reachable"));
        results.add(helmCheck.passed() ? chart(settings.target())
                : PreCheck.skipped(CHART, "helm is not usable"));
        results.add(helmCheck.passed() && kube.passed() ? releaseNotPending(settings.target())
                : PreCheck.skipped(RELEASE_NOT_PENDING, "helm or the cluster is not usable"));
        results.add(valuesFile(settings.valuesFile()));
        return results;
    }

    public static boolean allPassed(List<PreCheck> checks) {
        return checks.stream().allMatch(PreCheck::passed);
    }

    PreCheck helmVersion(String minimum) throws InterruptedException {
        String version;
        try {
            version = helm.version();
        } catch (IOException e) {
            return PreCheck.failed(HELM, "helm cannot be run: " + e.getMessage(),
                    "install Helm " + minimum + " or newer on the agent, or configure the path to helm");
        } catch (CommandFailedException e) {
            return PreCheck.failed(HELM, e.getMessage(), "check the helm installation on the agent");
        }
        Optional<Version> parsed = Version.tryParse(version.startsWith("v") ? version.substring(1) : version, false);
        Version required = Version.parse(minimum);
        if (parsed.isEmpty()) {
            return PreCheck.failed(HELM, "helm reports version '" + version + "', which is not a semantic version",
                    "install an official Helm release");
        }
        if (parsed.get().isLowerThan(required)) {
            return PreCheck.failed(HELM, "helm " + version + " is older than the supported " + minimum,
                    "upgrade Helm to " + minimum + " or newer");
        }
        return PreCheck.passed(HELM, "helm " + version);
    }

    PreCheck kubeContext() throws InterruptedException {
        try {
            return PreCheck.passed(KUBE_CONTEXT, kubectl.target().describe() + " is reachable, Kubernetes "
                    + kubectl.serverVersion());
        } catch (IOException e) {
            return PreCheck.failed(KUBE_CONTEXT, "kubectl cannot be run: " + e.getMessage(),
                    "install kubectl on the agent, or configure the path to kubectl");
        } catch (CommandFailedException e) {
            return PreCheck.failed(KUBE_CONTEXT, e.getMessage(), "check the kubeconfig and context ("
                    + kubectl.target().describe() + "), the VPN, and that the credentials are valid");
        }
    }

    PreCheck namespace(Settings settings) throws InterruptedException {
        String name = settings.target().namespace();
        List<String> accepted = settings.namespaceLabel() != null ? List.of(settings.namespaceLabel())
                : List.of(DEFAULT_NAMESPACE_LABEL, RECOMMENDED_NAMESPACE_LABEL);
        String label = accepted.get(0);
        try {
            Optional<KubeNamespace> ns = kubectl.namespace(name);
            if (ns.isEmpty()) {
                return PreCheck.failed(NAMESPACE, "namespace " + name + " does not exist",
                        "create it as DataOS's installation does (with the label " + label + "), or fix the namespace");
            }
            List<String> found = new ArrayList<>();
            for (String wanted : accepted) {
                int eq = wanted.indexOf('=');
                String key = eq < 0 ? wanted : wanted.substring(0, eq);
                String value = eq < 0 ? null : wanted.substring(eq + 1);
                String actual = ns.get().labels().get(key);
                if (actual != null && (value == null || value.equals(actual))) {
                    return PreCheck.passed(NAMESPACE, "namespace " + name + " exists with " + wanted);
                }
                if (actual != null) {
                    found.add(key + "=" + actual);
                }
            }
            return PreCheck.failed(NAMESPACE, "namespace " + name + " does not carry the DataOS label "
                    + String.join(" or ", accepted) + (found.isEmpty() ? "" : " (it has " + String.join(", ", found)
                    + ")"), "make sure this is the DataOS namespace, then: kubectl label namespace " + name + " "
                    + label + (settings.namespaceLabel() == null ? " (as the dataos-manager chart's README says), or"
                    + " name the label your site uses in helm.namespaceLabel of the settings" : ""));
        } catch (IOException | CommandFailedException e) {
            return PreCheck.failed(NAMESPACE, e.getMessage(), "check kubectl's access to namespaces");
        }
    }

    PreCheck chart(HelmTarget target) throws InterruptedException {
        try {
            ChartInfo chart = helm.showChart(target.chart(), target.chartVersion());
            return PreCheck.passed(CHART, target.chart() + " resolves to " + chart.name() + " " + chart.version()
                    + " (app " + chart.appVersion() + ")");
        } catch (IOException | CommandFailedException e) {
            return PreCheck.failed(CHART, e.getMessage(), "add the DataOS chart repository (helm repo add dataos"
                    + " " + CHART_REPOSITORY + ", as " + CHART_SOURCE + " says), run helm repo update, and check"
                    + " the chart version exists");
        }
    }

    PreCheck releaseNotPending(HelmTarget target) throws InterruptedException {
        try {
            Optional<HelmRelease> status = helm.status(target.release(), target.namespace());
            if (status.isEmpty()) {
                return PreCheck.passed(RELEASE_NOT_PENDING, "release " + target.release() + " does not exist yet:"
                        + " helm upgrade --install will install it");
            }
            if (!status.get().isPending()) {
                return PreCheck.passed(RELEASE_NOT_PENDING, "release " + target.release() + " is "
                        + status.get().status() + " at revision " + status.get().revision() + " (" + status.get().chart()
                        + ")");
            }
            ReleaseHistory history = helm.history(target.release(), target.namespace());
            Optional<PendingReleaseRecovery> recovery = PendingReleaseRecovery.of(target, history);
            if (recovery.isEmpty()) {
                return PreCheck.failed(RELEASE_NOT_PENDING, "release " + target.release() + " is "
                        + status.get().status() + " but its history shows no pending revision",
                        "run helm history " + target.release() + " -n " + target.namespace() + " and resolve by hand");
            }
            return new PreCheck(RELEASE_NOT_PENDING, PreCheck.Outcome.FAILED, recovery.get().advice(),
                    "confirm no other helm operation is running on " + target.release()
                            + ", then run the recovery (dataos-upgrade can run it after approval)",
                    recovery.get().command());
        } catch (IOException | CommandFailedException e) {
            return PreCheck.failed(RELEASE_NOT_PENDING, e.getMessage(), "check helm's access to the cluster");
        }
    }

    PreCheck valuesFile(String valuesFile) throws InterruptedException {
        try {
            byte[] content = workspace.read(valuesFile);
            String tag = ManagerValuesFile.imageTag(valuesFile, content);
            return PreCheck.passed(VALUES_FILE, valuesFile + " is valid YAML; image.tag is " + tag);
        } catch (InvalidInputException e) {
            return PreCheck.failed(VALUES_FILE, e.getMessage(), "correct the values file");
        } catch (IOException e) {
            return PreCheck.failed(VALUES_FILE, "cannot read " + valuesFile + ": " + e.getMessage(),
                    "give the path of the dataos-manager values file in the workspace");
        }
    }
}
