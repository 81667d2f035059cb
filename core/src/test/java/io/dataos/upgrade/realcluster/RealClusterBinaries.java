package io.dataos.upgrade.realcluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code realcluster/build} put the real binaries of the real-cluster tier:
 * {@code ${DATAOS_UPGRADE_CACHE:-$HOME/.cache/dataos-upgrade}/realcluster/<key>/bin}, the key made of
 * the versions {@code realcluster/go.mod} pins (the same key the script computes). The system
 * property {@code dataos.realcluster.bin} names another folder. A missing binary fails with the
 * command that builds it: the tier never skips silently.
 */
public record RealClusterBinaries(Path bin, String kubernetesVersion, String helm3Version, String helm4Version,
        String etcdVersion, String kwokVersion) {

    public static final List<String> PROGRAMS = List.of("helm3", "helm4", "etcd", "kube-apiserver",
            "kube-controller-manager", "kube-scheduler", "kubectl", "kwok");

    /** Finds the binaries, or throws with what is missing and the build command. */
    public static RealClusterBinaries locate() {
        Path module = repositoryRoot().resolve("realcluster");
        String goMod;
        try {
            goMod = Files.readString(module.resolve("go.mod"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + module.resolve("go.mod") + ": " + e.getMessage(), e);
        }
        String k8s = required(goMod, "k8s.io/kubernetes");
        String helm3 = required(goMod, "helm.sh/helm/v3");
        String helm4 = required(goMod, "helm.sh/helm/v4");
        String etcd = required(goMod, "go.etcd.io/etcd/server/v3");
        String kwok = required(goMod, "sigs.k8s.io/kwok");
        String override = System.getProperty("dataos.realcluster.bin", "");
        Path bin;
        if (!override.isBlank()) {
            bin = Path.of(override);
        } else {
            String cache = System.getenv("DATAOS_UPGRADE_CACHE");
            Path root = cache == null || cache.isBlank()
                    ? Path.of(System.getProperty("user.home"), ".cache", "dataos-upgrade") : Path.of(cache);
            String key = "k8s-" + k8s + "_helm-" + helm3 + "_helm-" + helm4 + "_etcd-" + etcd + "_kwok-" + kwok;
            bin = root.resolve("realcluster").resolve(key).resolve("bin");
        }
        List<String> missing = new ArrayList<>();
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(bin.resolve(program))) {
                missing.add(program);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the real-cluster tier needs " + String.join(", ", missing) + " in " + bin
                    + ", which are not built: build them with `" + module.resolve("build")
                    + "` (needs Go 1.26 and the Go module proxy; 30-60 min cold, seconds when built), then run the"
                    + " tier again");
        }
        return new RealClusterBinaries(bin, k8s, helm3, helm4, etcd, kwok);
    }

    public String path(String program) {
        return bin.resolve(program).toString();
    }

    /** The folder holding realcluster/go.mod, found upwards from the working directory. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("realcluster").resolve("go.mod"))) {
                return d;
            }
        }
        throw new IllegalStateException("no realcluster/go.mod in " + dir + " or a folder above it: run the"
                + " real-cluster tier from the dataos-upgrade clone");
    }

    private static String required(String goMod, String module) {
        Matcher m = Pattern.compile("(?m)^\\s*(?:require\\s+)?" + Pattern.quote(module) + "\\s+(v\\S+)\\s*$")
                .matcher(goMod);
        if (!m.find()) {
            throw new IllegalStateException("realcluster/go.mod does not require " + module
                    + ": add it to the require block");
        }
        return m.group(1);
    }
}
