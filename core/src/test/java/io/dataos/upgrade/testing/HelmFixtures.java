package io.dataos.upgrade.testing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON and YAML exactly as Helm 3 prints them, for the fake helm: {@code helm status -o json} is the
 * whole release object (pkg/release.Release: name, info{first_deployed, last_deployed, deleted,
 * description, status, notes}, chart{metadata, lock, templates, values, schema, files}, config,
 * manifest, version, namespace) on one line; {@code helm history -o json} is a list of
 * {revision, updated, status, chart, app_version, description}, oldest first.
 */
public final class HelmFixtures {

    private HelmFixtures() {
    }

    /** One history entry. */
    public record Rev(int revision, String status, String chartVersion, String description) {
    }

    public static String status(String release, String namespace, int revision, String status, String description,
            String chartVersion) {
        return "{\"name\":\"" + release + "\",\"info\":{\"first_deployed\":\"2024-03-04T09:12:44.417412302+01:00\","
                + "\"last_deployed\":\"2024-05-06T10:00:01.123456789+02:00\",\"deleted\":\"\","
                + "\"description\":\"" + description + "\",\"status\":\"" + status + "\","
                + "\"notes\":\"dataos-manager is running.\\n\"},"
                + "\"chart\":{\"metadata\":{\"name\":\"dataos-manager\",\"version\":\"" + chartVersion + "\","
                + "\"description\":\"DataOS manager\",\"apiVersion\":\"v2\",\"appVersion\":\"" + chartVersion + "\","
                + "\"type\":\"application\"},\"lock\":null,\"templates\":[{\"name\":\"templates/statefulset.yaml\","
                + "\"data\":\"YXBpVmVyc2lvbjogYXBwcy92MQpraW5kOiBTdGF0ZWZ1bFNldAo=\"}],"
                + "\"values\":{\"image\":{\"repository\":\"dataos/dataos-manager\",\"tag\":\"\"}},\"schema\":null,"
                + "\"files\":[]},\"config\":{\"image\":{\"tag\":\"" + chartVersion + "\"},"
                + "\"primeApiKey\":\"pk-fixture-value\"},"
                + "\"manifest\":\"---\\n# Source: dataos-manager/templates/statefulset.yaml\\napiVersion: apps/v1\\n"
                + "kind: StatefulSet\\n\",\"version\":" + revision + ",\"namespace\":\"" + namespace + "\"}\n";
    }

    public static String history(List<Rev> revisions) {
        return revisions.stream().map(r -> "{\"revision\":" + r.revision()
                        + ",\"updated\":\"2024-05-0" + Math.min(9, r.revision()) + "T10:00:0" + Math.min(9, r.revision())
                        + ".417412302+02:00\",\"status\":\"" + r.status() + "\",\"chart\":\"dataos-manager-"
                        + r.chartVersion() + "\",\"app_version\":\"" + r.chartVersion() + "\",\"description\":\""
                        + r.description() + "\"}")
                .collect(Collectors.joining(",", "[", "]\n"));
    }

    public static String chart(String version) {
        return "apiVersion: v2\nappVersion: " + version + "\ndescription: DataOS manager\nname: dataos-manager\n"
                + "type: application\nversion: " + version + "\n";
    }

    /** {@code kubectl get namespace NAME -o json} as kubectl prints it (indented). */
    public static String namespace(String name, String extraLabel) {
        String extra = extraLabel == null ? "" : ",\n            \"" + extraLabel.replace("=", "\": \"") + "\"";
        return "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Namespace\",\n    \"metadata\": {\n"
                + "        \"creationTimestamp\": \"2024-03-04T08:00:00Z\",\n        \"labels\": {\n"
                + "            \"kubernetes.io/metadata.name\": \"" + name + "\"" + extra + "\n        },\n"
                + "        \"name\": \"" + name + "\",\n        \"resourceVersion\": \"4711\",\n"
                + "        \"uid\": \"8d1c2f9e-3b7a-4c55-9e2d-1f0a6b7c8d9e\"\n    },\n    \"spec\": {\n"
                + "        \"finalizers\": [\n            \"kubernetes\"\n        ]\n    },\n"
                + "    \"status\": {\n        \"phase\": \"Active\"\n    }\n}\n";
    }
}
