package io.dataos.upgrade.model;

import java.util.List;
import java.util.Map;

/**
 * A manifest as written, bound by Jackson databind (unknown fields refused) before
 * {@link ManifestReader} checks every value. Scalars stay text: a version such as an unquoted
 * {@code 1.10} keeps its digits.
 */
final class ManifestYaml {

    private ManifestYaml() {}

    /** {@code kind: Release}. */
    record ReleaseFile(String apiVersion, String kind, String version, ManagerYaml manager, UserSpaceYaml userSpace,
            List<CoreYaml> coreKernel, CloudYaml cloudKernel, Map<String, String> compatibility, String downtime,
            NotesYaml notes) {}

    /** {@code kind: PlatformState}. */
    record StateFile(String apiVersion, String kind, String version, ManagerYaml manager, UserSpaceYaml userSpace,
            List<CoreYaml> coreKernel, CloudYaml cloudKernel, StakeholdersYaml stakeholders,
            String maintenanceWindow) {}

    record ManagerYaml(String chart, String chartVersion, String imageTag, String namespace, String releaseName) {}

    record UserSpaceYaml(List<StackYaml> stacks, List<ClusterYaml> clusters) {}

    record StackYaml(String name, String version, String installFile) {}

    record ClusterYaml(String name, String image) {}

    record CoreYaml(String name, String version, String owner, List<String> dependsOn, String image,
            String namespace) {}

    record CloudYaml(KubernetesYaml kubernetes, IacYaml iac, PostgresYaml postgres) {}

    record KubernetesYaml(String version) {}

    record IacYaml(String version, List<String> rollbackCommand) {}

    record PostgresYaml(String version, String snapshot) {}

    record NotesYaml(List<String> highlights, List<String> breaking, String url) {}

    record StakeholdersYaml(List<String> dataProductConsumers, List<String> dataProductDevelopers,
            List<String> operators, List<String> otherTeams) {}
}
