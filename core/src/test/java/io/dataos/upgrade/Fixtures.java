package io.dataos.upgrade;

import io.dataos.upgrade.model.CloudKernel;
import io.dataos.upgrade.model.Cluster;
import io.dataos.upgrade.model.ComponentVersion;
import io.dataos.upgrade.model.CoreComponent;
import io.dataos.upgrade.model.ImageReference;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manager;
import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Release;
import io.dataos.upgrade.model.ReleaseNotes;
import io.dataos.upgrade.model.Stack;
import io.dataos.upgrade.model.Stakeholders;
import io.dataos.upgrade.model.UserSpace;
import io.dataos.upgrade.model.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test data: a fluent builder of platform states and releases, and the bundled examples. */
public final class Fixtures {

    private Fixtures() {}

    /** A file under the repository's examples/ directory, found from the module's working directory. */
    public static Path example(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    public static Builder platform(String version) {
        return new Builder(version);
    }

    /** Builds manifests; every part has a plain default so a test states only what it is about. */
    public static final class Builder {
        private final String version;
        private String source;
        private String imageTag;
        private String chartVersion;
        private final List<Stack> stacks = new ArrayList<>();
        private final List<Cluster> clusters = new ArrayList<>();
        private final List<CoreComponent> core = new ArrayList<>();
        private String kubernetes = "1.28";
        private String iacVersion = "3.1.0";
        private List<String> iacCommand = List.of("terraform", "apply", "-auto-approve");
        private String postgres = "15.4";
        private String snapshot;
        private final Map<String, VersionRange> compatibility = new TreeMap<>();
        private Duration downtime;
        private ReleaseNotes notes;
        private Stakeholders stakeholders = new Stakeholders(List.of("consumers@example.com"),
                List.of("devs@example.com"), List.of("ops@example.com"), List.of());
        private MaintenanceWindow window;

        Builder(String version) {
            this.version = version;
            this.imageTag = version;
            this.chartVersion = version;
        }

        public Builder source(String name) {
            source = name;
            return this;
        }

        public Builder manager(String tag, String chart) {
            imageTag = tag;
            chartVersion = chart;
            return this;
        }

        public Builder stack(String name, String stackVersion) {
            return stack(name, stackVersion, "environments/prod/" + name + "-" + stackVersion + ".yaml");
        }

        public Builder stack(String name, String stackVersion, String installFile) {
            stacks.add(new Stack(name, ComponentVersion.parse(stackVersion), installFile));
            return this;
        }

        public Builder cluster(String name, String image) {
            clusters.add(new Cluster(name, ImageReference.parse(image)));
            return this;
        }

        public Builder core(String name, String componentVersion, String... dependsOn) {
            return coreOwnedBy(name, componentVersion, name + "-team@example.com", dependsOn);
        }

        public Builder coreOwnedBy(String name, String componentVersion, String owner, String... dependsOn) {
            core.add(new CoreComponent(name, ComponentVersion.parse(componentVersion), owner, List.of(dependsOn), null));
            return this;
        }

        /** A Core Kernel component running in its own namespace. */
        public Builder coreIn(String name, String componentVersion, String namespace, String... dependsOn) {
            core.add(new CoreComponent(name, ComponentVersion.parse(componentVersion), name + "-team@example.com",
                    List.of(dependsOn), null, namespace));
            return this;
        }

        public Builder kubernetes(String k8s) {
            kubernetes = k8s;
            return this;
        }

        public Builder iac(String iac, String... command) {
            iacVersion = iac;
            iacCommand = List.of(command);
            return this;
        }

        public Builder noIac() {
            iacVersion = null;
            return this;
        }

        public Builder postgres(String pg, String snapshotName) {
            postgres = pg;
            snapshot = snapshotName;
            return this;
        }

        public Builder compatibility(String name, String range) {
            compatibility.put(name, VersionRange.parse(range));
            return this;
        }

        public Builder downtime(Duration expected) {
            downtime = expected;
            return this;
        }

        public Builder notes(ReleaseNotes releaseNotes) {
            notes = releaseNotes;
            return this;
        }

        public Builder stakeholders(Stakeholders who) {
            stakeholders = who;
            return this;
        }

        public Builder window(String spec) {
            window = MaintenanceWindow.parse(spec);
            return this;
        }

        private CloudKernel cloud() {
            return new CloudKernel(new CloudKernel.Kubernetes(ComponentVersion.parse(kubernetes)),
                    iacVersion == null ? null : new CloudKernel.Iac(ComponentVersion.parse(iacVersion), iacCommand),
                    new CloudKernel.Postgres(ComponentVersion.parse(postgres), snapshot));
        }

        private Manager managerRelease() {
            return new Manager(Manager.DEFAULT_CHART, ComponentVersion.parse(chartVersion), imageTag,
                    Manager.DEFAULT_NAMESPACE, Manager.DEFAULT_RELEASE_NAME);
        }

        public PlatformState state() {
            return new PlatformState(source == null ? "installed-" + version + ".yaml" : source,
                    ComponentVersion.parse(version), managerRelease(), new UserSpace(stacks, clusters), core, cloud(),
                    stakeholders, window);
        }

        public Release release() {
            return new Release(source == null ? "release-" + version + ".yaml" : source, ComponentVersion.parse(version),
                    managerRelease(), new UserSpace(stacks, clusters), core, cloud(), compatibility, downtime, notes);
        }
    }
}
