package io.dataos.upgrade.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * Which Kubernetes cluster helm and kubectl talk to: a kubeconfig file and a context in it, each
 * optional (null means the tool's own default: $KUBECONFIG or ~/.kube/config, current context).
 */
public record KubeTarget(String kubeconfig, String context) {

    /** The tools' defaults. */
    public static final KubeTarget DEFAULT = new KubeTarget(null, null);

    /** Helm's global flags for this target. */
    public List<String> helmFlags() {
        List<String> flags = new ArrayList<>();
        if (kubeconfig != null) {
            flags.add("--kubeconfig");
            flags.add(kubeconfig);
        }
        if (context != null) {
            flags.add("--kube-context");
            flags.add(context);
        }
        return flags;
    }

    /** kubectl's global flags for this target. */
    public List<String> kubectlFlags() {
        List<String> flags = new ArrayList<>();
        if (kubeconfig != null) {
            flags.add("--kubeconfig");
            flags.add(kubeconfig);
        }
        if (context != null) {
            flags.add("--context");
            flags.add(context);
        }
        return flags;
    }

    /** How the target reads in messages. */
    public String describe() {
        return (context == null ? "the current context" : "context '" + context + "'")
                + (kubeconfig == null ? "" : " of " + kubeconfig);
    }
}
