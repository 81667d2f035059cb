package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API discovery documents the sandbox serves ({@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/<group>}, {@code /apis/<group>/<version>}). Helm maps every manifest kind to a
 * resource through discovery; the plain mock answers these paths with an empty list, so Helm fails
 * with "no matches for kind". The table covers the kinds a DataOS chart typically renders.
 */
final class DiscoveryDocuments {

    /** One API resource: its plural name, kind, whether it lives in a namespace, and its short names. */
    record ApiResource(String plural, String singular, String kind, boolean namespaced, List<String> shortNames) {}

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Group/version ("v1" for the core group) → its resources. */
    private static final Map<String, List<ApiResource>> RESOURCES = new LinkedHashMap<>();

    static {
        RESOURCES.put("v1", List.of(
                ns("configmaps", "configmap", "ConfigMap", "cm"),
                ns("endpoints", "endpoints", "Endpoints", "ep"),
                ns("events", "event", "Event", "ev"),
                ns("limitranges", "limitrange", "LimitRange", "limits"),
                new ApiResource("namespaces", "namespace", "Namespace", false, List.of("ns")),
                ns("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", "pvc"),
                ns("pods", "pod", "Pod", "po"),
                ns("resourcequotas", "resourcequota", "ResourceQuota", "quota"),
                ns("secrets", "secret", "Secret"),
                ns("serviceaccounts", "serviceaccount", "ServiceAccount", "sa"),
                ns("services", "service", "Service", "svc")));
        RESOURCES.put("apps/v1", List.of(
                ns("controllerrevisions", "controllerrevision", "ControllerRevision"),
                ns("daemonsets", "daemonset", "DaemonSet", "ds"),
                ns("deployments", "deployment", "Deployment", "deploy"),
                ns("replicasets", "replicaset", "ReplicaSet", "rs"),
                ns("statefulsets", "statefulset", "StatefulSet", "sts")));
        RESOURCES.put("batch/v1", List.of(
                ns("cronjobs", "cronjob", "CronJob", "cj"),
                ns("jobs", "job", "Job")));
        RESOURCES.put("networking.k8s.io/v1", List.of(
                ns("ingresses", "ingress", "Ingress", "ing"),
                ns("networkpolicies", "networkpolicy", "NetworkPolicy", "netpol")));
        RESOURCES.put("policy/v1", List.of(
                ns("poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", "pdb")));
        RESOURCES.put("rbac.authorization.k8s.io/v1", List.of(
                new ApiResource("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, List.of()),
                new ApiResource("clusterroles", "clusterrole", "ClusterRole", false, List.of()),
                ns("rolebindings", "rolebinding", "RoleBinding"),
                ns("roles", "role", "Role")));
        RESOURCES.put("autoscaling/v2", List.of(
                ns("horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", "hpa")));
    }

    private static ApiResource ns(String plural, String singular, String kind, String... shortNames) {
        return new ApiResource(plural, singular, kind, true, List.of(shortNames));
    }

    private DiscoveryDocuments() {}

    /** The discovery document for {@code path} (no query string), if it is a discovery path. */
    static Optional<String> forPath(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (p.equals("/api")) {
            ObjectNode doc = JSON.createObjectNode().put("kind", "APIVersions");
            doc.putArray("versions").add("v1");
            doc.putArray("serverAddressByClientCIDRs");
            return Optional.of(doc.toString());
        }
        if (p.equals("/apis")) {
            ObjectNode doc = JSON.createObjectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
            ArrayNode groups = doc.putArray("groups");
            groupVersionsByGroup().forEach((group, versions) -> groups.add(group(group, versions)));
            return Optional.of(doc.toString());
        }
        if (p.equals("/api/v1")) {
            return Optional.of(resourceList("v1"));
        }
        if (p.startsWith("/apis/")) {
            String rest = p.substring("/apis/".length());
            if (RESOURCES.containsKey(rest)) {
                return Optional.of(resourceList(rest));
            }
            List<String> versions = groupVersionsByGroup().get(rest);
            if (versions != null) {
                ObjectNode doc = group(rest, versions);
                doc.put("kind", "APIGroup").put("apiVersion", "v1");
                return Optional.of(doc.toString());
            }
        }
        return Optional.empty();
    }

    /** The resource (plural) for a kind in a group/version, if the table knows it. */
    static Optional<ApiResource> resource(String groupVersion, String plural) {
        return RESOURCES.getOrDefault(groupVersion, List.of()).stream()
                .filter(r -> r.plural().equals(plural))
                .findFirst();
    }

    private static Map<String, List<String>> groupVersionsByGroup() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        RESOURCES.keySet().stream()
                .filter(gv -> gv.contains("/"))
                .forEach(gv -> groups.computeIfAbsent(gv.substring(0, gv.indexOf('/')), g -> new java.util.ArrayList<>())
                        .add(gv.substring(gv.indexOf('/') + 1)));
        return groups;
    }

    private static ObjectNode group(String group, List<String> versions) {
        ObjectNode node = JSON.createObjectNode().put("name", group);
        ArrayNode list = node.putArray("versions");
        versions.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
        node.putObject("preferredVersion").put("groupVersion", group + "/" + versions.get(0)).put("version", versions.get(0));
        return node;
    }

    private static String resourceList(String groupVersion) {
        ObjectNode doc = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ApiResource r : RESOURCES.get(groupVersion)) {
            ObjectNode node = resources.addObject()
                    .put("name", r.plural())
                    .put("singularName", r.singular())
                    .put("namespaced", r.namespaced())
                    .put("kind", r.kind());
            VERBS.forEach(node.putArray("verbs")::add);
            if (!r.shortNames().isEmpty()) {
                r.shortNames().forEach(node.putArray("shortNames")::add);
            }
            if (List.of("statefulsets", "deployments", "replicasets", "daemonsets", "jobs", "pods", "services")
                    .contains(r.plural())) {
                resources.addObject()
                        .put("name", r.plural() + "/status")
                        .put("singularName", "")
                        .put("namespaced", r.namespaced())
                        .put("kind", r.kind())
                        .putArray("verbs").add("get").add("patch").add("update");
            }
        }
        return doc.toString();
    }
}
