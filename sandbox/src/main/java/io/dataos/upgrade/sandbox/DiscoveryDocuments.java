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
 * with "no matches for kind". The table covers the kinds a DataOS chart typically renders, the
 * CustomResourceDefinition API, and the common monitoring kinds (ServiceMonitor, PodMonitor,
 * PrometheusRule of monitoring.coreos.com/v1). Each sandbox has its own instance, to which every
 * CustomResourceDefinition created in it adds its kind ({@link #addCustomResource}).
 */
final class DiscoveryDocuments {

    /** One API resource: its plural name, kind, whether it lives in a namespace, and its short names. */
    record ApiResource(String plural, String singular, String kind, boolean namespaced, List<String> shortNames) {}

    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Group/version ("v1" for the core group) → its resources, as every sandbox starts. */
    private static final Map<String, List<ApiResource>> BUILT_IN = new LinkedHashMap<>();

    /** This sandbox's table: the built-in kinds and those its CustomResourceDefinitions added. */
    private final Map<String, List<ApiResource>> table = new LinkedHashMap<>();

    static {
        BUILT_IN.put("v1", List.of(
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
        BUILT_IN.put("apps/v1", List.of(
                ns("controllerrevisions", "controllerrevision", "ControllerRevision"),
                ns("daemonsets", "daemonset", "DaemonSet", "ds"),
                ns("deployments", "deployment", "Deployment", "deploy"),
                ns("replicasets", "replicaset", "ReplicaSet", "rs"),
                ns("statefulsets", "statefulset", "StatefulSet", "sts")));
        BUILT_IN.put("batch/v1", List.of(
                ns("cronjobs", "cronjob", "CronJob", "cj"),
                ns("jobs", "job", "Job")));
        BUILT_IN.put("networking.k8s.io/v1", List.of(
                ns("ingresses", "ingress", "Ingress", "ing"),
                ns("networkpolicies", "networkpolicy", "NetworkPolicy", "netpol")));
        BUILT_IN.put("policy/v1", List.of(
                ns("poddisruptionbudgets", "poddisruptionbudget", "PodDisruptionBudget", "pdb")));
        BUILT_IN.put("rbac.authorization.k8s.io/v1", List.of(
                new ApiResource("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false, List.of()),
                new ApiResource("clusterroles", "clusterrole", "ClusterRole", false, List.of()),
                ns("rolebindings", "rolebinding", "RoleBinding"),
                ns("roles", "role", "Role")));
        BUILT_IN.put("autoscaling/v2", List.of(
                ns("horizontalpodautoscalers", "horizontalpodautoscaler", "HorizontalPodAutoscaler", "hpa")));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.of(new ApiResource("customresourcedefinitions",
                "customresourcedefinition", "CustomResourceDefinition", false, List.of("crd", "crds"))));
        // The Prometheus Operator's kinds, which many charts render for their metrics.
        BUILT_IN.put("monitoring.coreos.com/v1", List.of(
                ns("podmonitors", "podmonitor", "PodMonitor", "pmon"),
                ns("prometheusrules", "prometheusrule", "PrometheusRule", "promrule"),
                ns("servicemonitors", "servicemonitor", "ServiceMonitor", "smon")));
    }

    private static ApiResource ns(String plural, String singular, String kind, String... shortNames) {
        return new ApiResource(plural, singular, kind, true, List.of(shortNames));
    }

    DiscoveryDocuments() {
        BUILT_IN.forEach((groupVersion, list) -> table.put(groupVersion, new java.util.ArrayList<>(list)));
    }

    /** Adds a custom resource to {@code groupVersion} (replacing one of the same plural), as a new CRD does. */
    synchronized void addCustomResource(String groupVersion, ApiResource resource) {
        List<ApiResource> list = table.computeIfAbsent(groupVersion, gv -> new java.util.ArrayList<>());
        list.removeIf(r -> r.plural().equals(resource.plural()));
        list.add(resource);
    }

    /** Whether this sandbox serves {@code kind} in {@code apiVersion} ("v1" or "group/version"). */
    synchronized boolean serves(String apiVersion, String kind) {
        return table.getOrDefault(apiVersion, List.of()).stream().anyMatch(r -> r.kind().equals(kind));
    }

    /** The discovery document for {@code path} (no query string), if it is a discovery path. */
    synchronized Optional<String> forPath(String path) {
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
            if (table.containsKey(rest)) {
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
    synchronized Optional<ApiResource> resource(String groupVersion, String plural) {
        return table.getOrDefault(groupVersion, List.of()).stream()
                .filter(r -> r.plural().equals(plural))
                .findFirst();
    }

    private Map<String, List<String>> groupVersionsByGroup() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        table.keySet().stream()
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

    private String resourceList(String groupVersion) {
        ObjectNode doc = JSON.createObjectNode()
                .put("kind", "APIResourceList")
                .put("apiVersion", "v1")
                .put("groupVersion", groupVersion);
        ArrayNode resources = doc.putArray("resources");
        for (ApiResource r : table.get(groupVersion)) {
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
