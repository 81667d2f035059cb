package io.dataos.upgrade.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
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
 * The executor's handlers for the planners' actions in the sandbox. The dataos-manager actions
 * (pre-checks, backup and restore check, tag update, helm upgrade, validation, helm rollback,
 * verification) are carried out for real against {@link SandboxHelm} and {@link SandboxKubernetes};
 * after each helm change the handlers play the StatefulSet controller once
 * ({@link SandboxKubernetes#rollOut}), so validation sees what a real cluster would report. Actions
 * on things the sandbox does not have (stacks, Core Kernel components, infrastructure as code, a
 * new cluster, announcements) are <em>simulated</em>: logged as what a real run would do, never run.
 * The rehearsal itself replaces the backup, restore check and Postgres restore with
 * {@link EngineActionHandlers}' (real pg_dump and pg_restore); the versions here keep no database.
 */
public final class SandboxActionHandlers {

    /** The secret name the engine uses for the Prime API key. */
    public static final String PRIME_API_KEY = "prime-api-key";

    /**
     * The manager release the handlers act on and what validation expects.
     *
     * @param release the release name (when an action does not name it)
     * @param namespace its namespace (likewise)
     * @param valuesFile the dataos-manager values file, relative to the workspace
     * @param expectedTag the image tag validation expects to be running
     */
    public record ManagerTarget(String release, String namespace, String valuesFile, String expectedTag) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    private final SandboxKubernetes k8s;
    private final SandboxHelm helm;
    private final Path chart;
    private final ManagerTarget target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SandboxActionHandlers(SandboxKubernetes k8s, SandboxHelm helm, Path chart, ManagerTarget target) {
        this.k8s = k8s;
        this.helm = helm;
        this.chart = chart;
        this.target = target;
    }

    /** Handlers for every action kind, against {@code k8s}, installing the chart in {@code chart}. */
    public static ActionHandlers create(SandboxKubernetes k8s, SandboxHelm helm, Path chart, ManagerTarget target) {
        SandboxActionHandlers h = new SandboxActionHandlers(k8s, helm, chart, target);
        return ActionHandlers.builder()
                .on(ActionKind.PRE_CHECKS, h::preChecks)
                .on(ActionKind.BACKUP, h::backup)
                .on(ActionKind.RESTORE_CHECK, h::restoreCheck)
                .on(ActionKind.UPDATE_MANAGER_TAG, h::updateManagerTag)
                .on(ActionKind.HELM_UPGRADE, new HelmUpgrade(h))
                .on(ActionKind.VALIDATE, h::validate)
                .on(ActionKind.HELM_ROLLBACK, new HelmRollback(h))
                .on(ActionKind.VERIFY_ROLLBACK, h::validate)
                .onEveryOtherKind(SandboxActionHandlers::simulate)
                .build();
    }

    /** What a real run would do for an action the sandbox has nothing for; changes nothing. */
    private static ActionOutcome simulate(PlanAction action, ActionContext context) {
        StringBuilder what = new StringBuilder("simulated in the rehearsal: ").append(action.description());
        if (action.from() != null || action.to() != null) {
            what.append(" (").append(action.from() == null ? "-" : action.from()).append(" -> ")
                    .append(action.to() == null ? "-" : action.to()).append(')');
        }
        String argv = action.params().get(ActionParams.COMMAND);
        if (argv != null) {
            what.append("; a real run would execute ").append(ActionParams.argv(action));
        }
        String installFile = action.params().get(ActionParams.INSTALL_FILE);
        if (installFile != null) {
            what.append("; a real run would apply ").append(installFile);
        }
        context.log(what.toString());
        return ActionOutcome.done("simulated (rehearsal)");
    }

    private String release(PlanAction action) {
        return action.params().getOrDefault(ActionParams.RELEASE_NAME, target.release());
    }

    private String namespace(PlanAction action) {
        return action.params().getOrDefault(ActionParams.NAMESPACE, target.namespace());
    }

    private static String imageTag(PlanAction action) {
        return action.params().getOrDefault(ActionParams.IMAGE_TAG, action.to());
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
        sums.add(sha256(content) + "  " + file.substring(file.lastIndexOf('/') + 1));
    }

    /** Recomputes the checksums of every backup kit this run wrote and compares them with SHA256SUMS. */
    private ActionOutcome restoreCheck(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String runDir = "backups/" + context.runId();
        if (!context.workspace().exists(runDir)) {
            return ActionOutcome.failed("no backup kit under " + runDir + ": the backup action must run first", "");
        }
        int files = 0;
        for (String kit : context.workspace().list(runDir)) {
            String dir = runDir + "/" + kit;
            String sums = new String(context.workspace().read(dir + "/SHA256SUMS"), StandardCharsets.UTF_8);
            for (String line : sums.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String expected = line.substring(0, 64);
                String file = line.substring(66);
                String actual = sha256(context.workspace().read(dir + "/" + file));
                if (!expected.equals(actual)) {
                    return ActionOutcome.failed("backup kit " + dir + ": " + file + " does not match its checksum", "");
                }
                files++;
            }
        }
        context.log("backup kits readable, " + files + " files match their checksums (the Postgres snapshot "
                + action.params().getOrDefault(ActionParams.SNAPSHOT, "-") + " restore check is simulated: no database"
                + " in the sandbox)");
        return ActionOutcome.done("restore check: " + files + " files verified");
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Sets image.tag in the workspace's values file, keeping every other value. */
    private ActionOutcome updateManagerTag(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        String file = target.valuesFile();
        JsonNode values = YAML.readTree(context.workspace().read(file));
        if (!(values instanceof ObjectNode object)) {
            return ActionOutcome.failed(file + " is not a YAML mapping", "");
        }
        String before = object.path("image").path("tag").asText("");
        object.withObjectProperty("image").put("tag", imageTag(action));
        context.workspace().write(file, YAML.writeValueAsBytes(object));
        context.log("image.tag " + before + " -> " + imageTag(action) + " in " + file);
        return ActionOutcome.done("image.tag set to " + imageTag(action));
    }

    private ActionOutcome upgrade(PlanAction action, ActionContext context) {
        Secret prime = context.secret(PRIME_API_KEY);
        UpgradeRequest request = UpgradeRequest.of(release(action), namespace(action), chart)
                .withValuesFile(Path.of(context.workspace().absolute(target.valuesFile())))
                .withSecretValue("primeApiKey", prime);
        try {
            ReleaseStatus status = helm.upgradeInstall(request);
            context.log("helm: revision " + status.revision() + " " + status.status() + " (" + status.chart() + ")");
        } catch (SandboxHelmException e) {
            return ActionOutcome.failed(e.getMessage(), "");
        }
        StatefulSetState sts = k8s.rollOut(namespace(action), release(action));
        context.log("controller: " + describe(sts));
        return ActionOutcome.done("upgraded to " + imageTag(action));
    }

    private boolean upgraded(PlanAction action) {
        Optional<ReleaseStatus> status = helm.find(release(action), namespace(action));
        Optional<StatefulSetState> sts = k8s.statefulSet(namespace(action), release(action));
        return status.isPresent() && status.get().deployed() && sts.isPresent()
                && imageTag(action).equals(sts.get().imageTag());
    }

    private ActionOutcome rollback(PlanAction action, ActionContext context) {
        int toRevision = revisionRunning(action, imageTag(action));
        if (toRevision < 1) {
            return ActionOutcome.failed("no earlier revision of " + release(action) + " ran " + imageTag(action)
                    + ": nothing to roll back to", "");
        }
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

    /** The latest revision before the current one that ran {@code tag} and did not fail; 0 if none. */
    private int revisionRunning(PlanAction action, String tag) {
        List<ReleaseRevision> history = helm.history(release(action), namespace(action));
        for (int i = history.size() - 2; i >= 0; i--) {
            ReleaseRevision r = history.get(i);
            if (r.status().equals("failed")) {
                continue;
            }
            try {
                JsonNode values = YAML.readTree(helm.values(release(action), namespace(action), r.revision()));
                if (values != null && tag.equals(values.path("image").path("tag").asText())) {
                    return r.revision();
                }
            } catch (IOException e) {
                // values that are not YAML cannot tell the tag; look further back
            }
        }
        return 0;
    }

    private boolean rolledBack(PlanAction action) {
        List<ReleaseRevision> history = helm.history(release(action), namespace(action));
        Optional<StatefulSetState> sts = k8s.statefulSet(namespace(action), release(action));
        return !history.isEmpty() && history.get(history.size() - 1).description().startsWith("Rollback to ")
                && "deployed".equals(history.get(history.size() - 1).status())
                && sts.isPresent() && imageTag(action).equals(sts.get().imageTag());
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
        if (target.expectedTag() != null && !target.expectedTag().equals(sts.imageTag())) {
            failures.add("image: running " + sts.imageTag() + ", expected " + target.expectedTag());
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
