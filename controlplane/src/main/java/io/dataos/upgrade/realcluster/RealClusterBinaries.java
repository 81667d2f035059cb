package io.dataos.upgrade.realcluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where {@code realcluster/build} put the real binaries of the real-cluster tier:
 * {@code ${DATAOS_UPGRADE_CACHE:-$HOME/.cache/dataos-upgrade}/realcluster/<key>/bin}, the key made of
 * the versions {@code realcluster/go.mod} pins (the same key the script computes). The system
 * property {@code dataos.realcluster.bin} names another folder. A missing binary fails with the
 * command that builds it: the tier never skips silently. The pins travel in this module's jar
 * (go.mod as a resource), so the rehearsal jar finds the same folder from anywhere.
 */
public record RealClusterBinaries(Path bin, String kubernetesVersion, String helm3Version, String helm4Version,
        String etcdVersion, String kwokVersion) {

    public static final List<String> PROGRAMS = List.of("helm3", "helm4", "etcd", "kube-apiserver",
            "kube-controller-manager", "kube-scheduler", "kubectl", "kwok");

    /** The cache {@code realcluster/build} fills: {@code $DATAOS_UPGRADE_CACHE}, else {@code ~/.cache/dataos-upgrade}. */
    public static Path defaultCache() {
        String cache = System.getenv("DATAOS_UPGRADE_CACHE");
        return cache == null || cache.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "dataos-upgrade") : Path.of(cache);
    }

    /** Finds the binaries in the default cache (or {@code -Ddataos.realcluster.bin}), or throws with what is missing. */
    public static RealClusterBinaries locate() {
        return locate(null);
    }

    /**
     * Finds the binaries in {@code cache} (null: {@link #defaultCache()}; the system property
     * {@code dataos.realcluster.bin} names the bin folder itself), or throws {@link Missing} naming
     * what is missing, the folder looked in and the build command.
     */
    public static RealClusterBinaries locate(Path cache) {
        String goMod = goMod();
        String k8s = required(goMod, "k8s.io/kubernetes");
        String helm3 = required(goMod, "helm.sh/helm/v3");
        String helm4 = required(goMod, "helm.sh/helm/v4");
        String etcd = required(goMod, "go.etcd.io/etcd/server/v3");
        String kwok = required(goMod, "sigs.k8s.io/kwok");
        String override = System.getProperty("dataos.realcluster.bin", "");
        Path bin;
        if (cache == null && !override.isBlank()) {
            bin = Path.of(override);
        } else {
            Path root = cache == null ? defaultCache() : cache;
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
            throw new Missing(missing, bin, buildCommand());
        }
        return new RealClusterBinaries(bin, k8s, helm3, helm4, etcd, kwok);
    }

    /** How to build the binaries: the clone's {@code realcluster/build} when the clone is found. */
    static String buildCommand() {
        Optional<Path> root = findRepositoryRoot();
        return root.map(r -> r.resolve("realcluster").resolve("build").toString())
                .orElse("realcluster/build") + (root.isPresent() ? "" : " (in the dataos-upgrade clone)");
    }

    /** Binaries of the real cluster are not built: names them, the folder looked in and the build command. */
    public static final class Missing extends IllegalStateException {

        private static final long serialVersionUID = 1L;
        private final List<String> programs;
        private final transient Path bin;

        Missing(List<String> programs, Path bin, String buildCommand) {
            super("the real cluster needs " + String.join(", ", programs) + " in " + bin
                    + ", which are not built: build them with `" + buildCommand
                    + "` (needs Go 1.26 and the Go module proxy; 30-60 min cold, seconds when built; it prints the"
                    + " bin folder), then run again");
            this.programs = List.copyOf(programs);
            this.bin = bin;
        }

        /** The programs not found (or not executable). */
        public List<String> programs() {
            return programs;
        }

        /** The folder looked in. */
        public Path bin() {
            return bin;
        }
    }

    public String path(String program) {
        return bin.resolve(program).toString();
    }

    /** The folder holding realcluster/go.mod, found upwards from the working directory (or this jar's folder). */
    public static Path repositoryRoot() {
        return findRepositoryRoot().orElseThrow(() -> new IllegalStateException("no realcluster/go.mod in "
                + Path.of("").toAbsolutePath() + " or a folder above it: run the real-cluster tier from the"
                + " dataos-upgrade clone"));
    }

    private static Optional<Path> findRepositoryRoot() {
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var source = RealClusterBinaries.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
            // no jar location: the working directory only
        }
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                if (Files.isRegularFile(d.resolve("realcluster").resolve("go.mod"))) {
                    return Optional.of(d);
                }
            }
        }
        return Optional.empty();
    }

    /** realcluster/go.mod as this build bundled it (the pins are the cache key). */
    private static String goMod() {
        try (InputStream in = RealClusterBinaries.class.getResourceAsStream("go.mod")) {
            if (in == null) {
                throw new IllegalStateException("realcluster/go.mod is not bundled in this build: rebuild the"
                        + " controlplane module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled realcluster/go.mod: " + e.getMessage(), e);
        }
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
