package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionHandlers;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The executor's handlers for the manager release in the sandbox: the same action kinds the real
 * front doors run through helm and kubectl, carried out with {@link SandboxHelm} and
 * {@link SandboxKubernetes}. After each helm change the handlers play the StatefulSet controller
 * once ({@link SandboxKubernetes#rollOut}), so validation sees what a real cluster would report.
 */
public final class SandboxActionHandlers {

    /** The secret name the engine uses for the Prime API key. */
    public static final String PRIME_API_KEY = "prime-api-key";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final SandboxKubernetes k8s;
    private final SandboxHelm helm;
    private final Path chart;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxActionHandlers(SandboxKubernetes k8s, SandboxHelm helm, Path chart) {
        this.k8s = k8s;
        this.helm = helm;
        this.chart = chart;
    }

    /** Handlers for every kind a rehearsal plan holds, against {@code k8s} with the chart in {@code chart}. */
    public static ActionHandlers create(SandboxKubernetes k8s, SandboxHelm helm, Path chart) {
        SandboxActionHandlers h = new SandboxActionHandlers(k8s, helm, chart);
        ActionHandler record = (action, context) -> {
            context.log(action.description() + " (rehearsal: recorded, nothing to do in the sandbox)");
            return ActionOutcome.done("recorded");
        };
        return ActionHandlers.builder()
                .on(ActionKind.REVIEW_RELEASE_NOTES, record)
                .on(ActionKind.ANNOUNCE, record)
                .on(ActionKind.APPROVE_WINDOW, record)
                .on(ActionKind.CHECK_COMPATIBILITY, record)
                .on(ActionKind.ASSESS_RISK, record)
                .on(ActionKind.PRE_CHECKS, h::preChecks)
                .on(ActionKind.BACKUP, h::backup)
                .on(ActionKind.UPDATE_MANAGER_TAG, h::updateManagerTag)
                .on(ActionKind.HELM_UPGRADE, new HelmUpgrade(h))
                .on(ActionKind.VALIDATE, h::validate)
                .on(ActionKind.HELM_ROLLBACK, new HelmRollback(h))
                .on(ActionKind.VERIFY_ROLLBACK, h::validate)
                .build();
    }

    private static String release(PlanAction action) {
        return action.params().get(RehearsalPlans.RELEASE);
    }

    private static String namespace(PlanAction action) {
        return action.params().get(RehearsalPlans.NAMESPACE);
    }

    private ActionOutcome preChecks(PlanAction action, ActionContext context) {
        List<String> problems = new ArrayList<>();
        Optional<ObjectNode> ns = k8s.get("/api/v1/namespaces/" + namespace(action));
        if (ns.isEmpty()) {
            problems.add("namespace " + namespace(action) + " does not exist");
        } else if (!SandboxKubernetes.DATAOS_LABEL_VALUE.equals(ns.get().path("metadata").path("labels")
                .path(SandboxKubernetes.DATAOS_LABEL_KEY).asText())) {
            problems.add("namespace " + namespace(action) + " lacks the label " + SandboxKubernetes.DATAOS_LABEL_KEY
                    + "=" + SandboxKubernetes.DATAOS_LABEL_VALUE);
        }
        Optional<ReleaseStatus> current = helm.find(release(action), namespace(action));
        if (current.isPresent() && current.get().status().startsWith("pending")) {
            problems.add("release " + release(action) + " is " + current.get().status() + ": another operation is in flight");
        }
        LintReport lint = helm.lint(chart, List.of());
        if (lint.failed()) {
            problems.add("chart lint failed: " + String.join("; ", lint.messages()));
        }
        if (!problems.isEmpty()) {
            return ActionOutcome.failed("pre-checks failed: " + String.join("; ", problems), "");
        }
        context.log("namespace labelled, release " + current.map(r -> "at revision " + r.revision() + " " + r.status())
                .orElse("not installed yet") + ", chart lint clean");
        return ActionOutcome.done("pre-checks passed");
    }

    /** Writes the release's history, values (secrets masked) and stored objects, with checksums, under backups/. */
    private ActionOutcome backup(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String dir = "backups/" + context.runId() + "/" + action.id();
        context.workspace().mkdirs(dir);
        List<String> lines = new ArrayList<>();
        Optional<ReleaseStatus> current = helm.find(release(action), namespace(action));
        if (current.isPresent()) {
            com.fasterxml.jackson.databind.node.ArrayNode history = JSON.createArrayNode();
            for (ReleaseRevision r : helm.history(release(action), namespace(action))) {
                history.addObject().put("revision", r.revision()).put("updated", String.valueOf(r.updated()))
                        .put("status", r.status()).put("chart", r.chart()).put("appVersion", r.appVersion())
                        .put("description", r.description());
            }
            write(context, dir + "/helm-history.json", JSON.writeValueAsBytes(history), lines);
            write(context, dir + "/values-revision-" + current.get().revision() + ".yaml",
                    helm.values(release(action), namespace(action), current.get().revision()).getBytes(StandardCharsets.UTF_8), lines);
        }
        Optional<ObjectNode> sts = k8s.get(SandboxKubernetes.statefulSetPath(namespace(action), release(action)));
        if (sts.isPresent()) {
            write(context, dir + "/statefulset.json", JSON.writeValueAsBytes(sts.get()), lines);
        }
        context.workspace().write(dir + "/SHA256SUMS", String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8));
        context.log("backup kit written to " + dir + " (" + lines.size() + " files, secrets as ****)");
        return ActionOutcome.done("backup kit " + dir);
    }

    private static void write(ActionContext context, String file, byte[] content, List<String> sums)
            throws IOException, InterruptedException {
        context.workspace().write(file, content);
        try {
            sums.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)) + "  "
                    + file.substring(file.lastIndexOf('/') + 1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Sets image.tag in the workspace's values file, keeping every other value. */
    private ActionOutcome updateManagerTag(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String file = action.params().get(RehearsalPlans.VALUES_FILE);
        JsonNode values = YAML.readTree(context.workspace().read(file));
        if (!(values instanceof ObjectNode object)) {
            return ActionOutcome.failed(file + " is not a YAML mapping", "");
        }
        String before = object.path("image").path("tag").asText("");
        object.withObjectProperty("image").put("tag", action.to());
        context.workspace().write(file, YAML.writeValueAsBytes(object));
        context.log("image.tag " + before + " -> " + action.to() + " in " + file);
        return ActionOutcome.done("image.tag set to " + action.to());
    }

    private ActionOutcome upgrade(PlanAction action, ActionContext context) {
        Secret prime = context.secret(PRIME_API_KEY);
        UpgradeRequest request = UpgradeRequest.of(release(action), namespace(action), chart)
                .withValuesFile(Path.of(context.workspace().absolute(action.params().get(RehearsalPlans.VALUES_FILE))))
                .withSecretValue("primeApiKey", prime);
        try {
            ReleaseStatus status = helm.upgradeInstall(request);
            context.log("helm: revision " + status.revision() + " " + status.status() + " (" + status.chart() + ")");
        } catch (SandboxHelmException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        }
        StatefulSetState sts = k8s.rollOut(namespace(action), release(action));
        context.log("controller: " + describe(sts));
        return ActionOutcome.done("upgraded to " + action.to());
    }

    private boolean upgraded(PlanAction action) {
        Optional<ReleaseStatus> status = helm.find(release(action), namespace(action));
        Optional<StatefulSetState> sts = k8s.statefulSet(namespace(action), release(action));
        return status.isPresent() && status.get().deployed() && sts.isPresent() && action.to().equals(sts.get().imageTag());
    }

    private ActionOutcome rollback(PlanAction action, ActionContext context) {
        int toRevision = Integer.parseInt(action.params().get(RehearsalPlans.TO_REVISION));
        Secret prime = context.secret(PRIME_API_KEY);
        try {
            ReleaseStatus status = helm.rollback(new RollbackRequest(release(action), namespace(action), chart, toRevision,
                    java.util.Map.of("primeApiKey", prime), null));
            context.log("helm: revision " + status.revision() + " " + status.status() + " (rollback to " + toRevision + ")");
        } catch (SandboxHelmException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        }
        StatefulSetState sts = k8s.rollOut(namespace(action), release(action));
        context.log("controller: " + describe(sts));
        return ActionOutcome.done("rolled back to revision " + toRevision);
    }

    private boolean rolledBack(PlanAction action) {
        String wanted = "Rollback to " + action.params().get(RehearsalPlans.TO_REVISION);
        List<ReleaseRevision> history = helm.history(release(action), namespace(action));
        return !history.isEmpty() && wanted.equals(history.get(history.size() - 1).description())
                && "deployed".equals(history.get(history.size() - 1).status());
    }

    /** Rollout complete, health endpoint 200, and the running image is the expected one. */
    private ActionOutcome validate(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        Optional<StatefulSetState> found = k8s.statefulSet(namespace(action), release(action));
        if (found.isEmpty()) {
            return ActionOutcome.failed("no StatefulSet " + release(action) + " in " + namespace(action), "");
        }
        StatefulSetState sts = found.get();
        List<String> failures = new ArrayList<>();
        if (!sts.rolledOut()) {
            String condition = k8s.get(SandboxKubernetes.statefulSetPath(namespace(action), release(action)))
                    .map(o -> o.path("status").path("conditions").path(0).path("message").asText(""))
                    .orElse("");
            failures.add("rollout: " + sts.readyReplicas() + "/" + sts.replicas() + " replicas ready"
                    + (condition.isEmpty() ? "" : " (" + condition + ")"));
        }
        if (action.to() != null && !action.to().equals(sts.imageTag())) {
            failures.add("image: running " + sts.imageTag() + ", expected " + action.to());
        }
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(k8s.healthUrl(namespace(action), release(action)))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() != 200) {
            failures.add("health: HTTP " + health.statusCode() + " " + health.body());
        }
        context.log("rollout " + (sts.rolledOut() ? "complete" : "incomplete") + ", image " + sts.imageTag()
                + ", health HTTP " + health.statusCode());
        if (!failures.isEmpty()) {
            return ActionOutcome.failed("validation failed: " + String.join("; ", failures), "");
        }
        return ActionOutcome.done("validated: " + describe(sts) + ", health UP");
    }

    private static String describe(StatefulSetState sts) {
        return sts.name() + " " + sts.imageTag() + " " + sts.readyReplicas() + "/" + sts.replicas() + " ready"
                + (sts.rolledOut() ? ", rolled out" : ", rollout incomplete");
    }

    /** helm upgrade: not repeated on resume when the release already runs the target tag. */
    private record HelmUpgrade(SandboxActionHandlers h) implements ActionHandler {
        @Override
        public ActionOutcome execute(PlanAction action, ActionContext context) {
            return h.upgrade(action, context);
        }

        @Override
        public boolean isDone(PlanAction action, ActionContext context) {
            return h.upgraded(action);
        }
    }

    /** helm rollback: not repeated on resume when the last revision is already the rollback. */
    private record HelmRollback(SandboxActionHandlers h) implements ActionHandler {
        @Override
        public ActionOutcome execute(PlanAction action, ActionContext context) {
            return h.rollback(action, context);
        }

        @Override
        public boolean isDone(PlanAction action, ActionContext context) {
            return h.rolledBack(action);
        }
    }
}
