package io.dataos.upgrade.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataos.upgrade.process.CapturedOutput;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.api.CommandRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The kubectl commands the runbook needs, run through the {@link CommandRunner}: is the cluster
 * reachable, does the namespace exist with its labels, and has the dataos-manager StatefulSet
 * finished rolling out.
 */
public final class KubectlClient {

    /** How long a single API request may take when only reading. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CommandRunner runner;
    private final String executable;
    private final KubeTarget target;
    private final Consumer<String> log;

    public KubectlClient(CommandRunner runner, String executable, KubeTarget target, Consumer<String> log) {
        this.runner = runner;
        this.executable = executable == null ? "kubectl" : executable;
        this.target = target == null ? KubeTarget.DEFAULT : target;
        this.log = log == null ? line -> { } : log;
    }

    public KubeTarget target() {
        return target;
    }

    /**
     * The API server's version ({@code serverVersion.gitVersion} of {@code kubectl version -o json}),
     * which proves the kube context is reachable with the configured credentials.
     *
     * @throws CommandFailedException with kubectl's own error when the server cannot be reached
     */
    public String serverVersion() throws IOException, InterruptedException {
        CapturedOutput out = read("version", "-o", "json", "--request-timeout=" + REQUEST_TIMEOUT.toSeconds() + "s");
        JsonNode server = parse(out).path("serverVersion");
        if (!out.succeeded() || server.path("gitVersion").asText("").isEmpty()) {
            throw new CommandFailedException("kubectl version (is " + target.describe() + " reachable?)", out);
        }
        return server.path("gitVersion").asText();
    }

    /** The namespace, or empty when kubectl reports it NotFound; other failures throw with kubectl's error. */
    public Optional<KubeNamespace> namespace(String name) throws IOException, InterruptedException {
        CapturedOutput out = read("get", "namespace", name, "-o", "json",
                "--request-timeout=" + REQUEST_TIMEOUT.toSeconds() + "s");
        if (!out.succeeded()) {
            if (out.text().contains("(NotFound)")) {
                return Optional.empty();
            }
            throw new CommandFailedException("kubectl get namespace " + name, out);
        }
        JsonNode node = parse(out);
        Map<String, String> labels = new LinkedHashMap<>();
        node.path("metadata").path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new KubeNamespace(node.path("metadata").path("name").asText(name), labels,
                node.path("status").path("phase").asText("")));
    }

    /**
     * Runs {@code kubectl rollout status RESOURCE -n NAMESPACE --timeout=...} (e.g.
     * {@code statefulset/dataos-manager}) and reports whether the rollout completed in time, with
     * kubectl's last lines as the evidence. It never throws for a rollout that did not complete.
     */
    public RolloutStatus rolloutStatus(String resource, String namespace, Duration timeout)
            throws IOException, InterruptedException {
        List<String> argv = base();
        argv.addAll(List.of("rollout", "status", resource, "-n", namespace, "--timeout=" + timeout.toSeconds() + "s"));
        Command command = new Command(argv, Map.of(), null, timeout.plusMinutes(1), List.of());
        CapturedOutput out = CapturedOutput.run(runner, command, log);
        String message = out.lines().isEmpty() ? "" : out.succeeded()
                ? out.lines().get(out.lines().size() - 1)
                : out.errorSummary();
        return new RolloutStatus(resource, namespace, out.succeeded(), message, out.result().elapsed());
    }

    /**
     * What a forced rollback needs of a StatefulSet: its uid, pod management and update strategy (type and
     * partition), whether the controller has seen its latest spec, the revisions it runs and updates to, and its
     * selector's {@code matchLabels}.
     */
    public record StatefulSetRevision(String name, String uid, String podManagementPolicy, String updateStrategy,
            int partition, boolean observed, String currentRevision, String updateRevision,
            Map<String, String> selector) {

        /** OrderedReady unless the StatefulSet says Parallel (Kubernetes' default). */
        public boolean orderedReady() {
            return !"Parallel".equals(podManagementPolicy);
        }

        /** The revision the controller brings pod {@code ordinal} to: below the partition the current one. */
        public String revisionFor(int ordinal) {
            return ordinal < partition ? currentRevision : updateRevision;
        }
    }

    /**
     * A pod of a StatefulSet: its ordinal, controller revision, Ready condition, whether it is being deleted, and
     * the uid of its controller.
     */
    public record PodRevision(String name, int ordinal, String revision, boolean ready, boolean terminating,
            String controllerUid) {
    }

    /**
     * The StatefulSet, or empty when kubectl reports it NotFound; any other failure (no access, no answer) throws
     * with kubectl's error.
     */
    public Optional<StatefulSetRevision> statefulSet(String name, String namespace)
            throws IOException, InterruptedException {
        CapturedOutput out = read("get", "statefulset", name, "-n", namespace, "-o", "json",
                "--request-timeout=" + REQUEST_TIMEOUT.toSeconds() + "s");
        if (!out.succeeded()) {
            if (out.text().contains("(NotFound)")) {
                return Optional.empty();
            }
            throw new CommandFailedException("kubectl get statefulset " + name, out);
        }
        JsonNode node = parse(out);
        Map<String, String> selector = new LinkedHashMap<>();
        node.path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> selector.put(e.getKey(), e.getValue().asText()));
        JsonNode strategy = node.path("spec").path("updateStrategy");
        boolean observed = node.path("status").path("observedGeneration").asLong(-1)
                >= node.path("metadata").path("generation").asLong(0);
        return Optional.of(new StatefulSetRevision(name, node.path("metadata").path("uid").asText(""),
                node.path("spec").path("podManagementPolicy").asText("OrderedReady"),
                strategy.path("type").asText("RollingUpdate"),
                strategy.path("rollingUpdate").path("partition").asInt(0), observed,
                node.path("status").path("currentRevision").asText(""),
                node.path("status").path("updateRevision").asText(""), selector));
    }

    /** The pods {@code selector} matches, with their {@code controller-revision-hash} and Ready condition. */
    public List<PodRevision> pods(String namespace, Map<String, String> selector)
            throws IOException, InterruptedException {
        List<String> labels = new ArrayList<>();
        selector.forEach((k, v) -> labels.add(k + "=" + v));
        CapturedOutput out = read("get", "pods", "-n", namespace, "-l", String.join(",", labels), "-o", "json",
                "--request-timeout=" + REQUEST_TIMEOUT.toSeconds() + "s");
        if (!out.succeeded()) {
            throw new CommandFailedException("kubectl get pods -l " + String.join(",", labels), out);
        }
        List<PodRevision> pods = new ArrayList<>();
        for (JsonNode pod : parse(out).path("items")) {
            boolean ready = false;
            for (JsonNode condition : pod.path("status").path("conditions")) {
                ready |= "Ready".equals(condition.path("type").asText()) && "True".equals(
                        condition.path("status").asText());
            }
            String name = pod.path("metadata").path("name").asText();
            String controller = "";
            for (JsonNode owner : pod.path("metadata").path("ownerReferences")) {
                if (owner.path("controller").asBoolean(false)) {
                    controller = owner.path("uid").asText("");
                }
            }
            int dash = name.lastIndexOf('-');
            int ordinal = -1;
            try {
                ordinal = Integer.parseInt(name.substring(dash + 1));
            } catch (NumberFormatException | IndexOutOfBoundsException notAStatefulSetPod) {
                // left at -1: such a pod is never touched
            }
            pods.add(new PodRevision(name, ordinal, pod.path("metadata").path("labels")
                    .path("controller-revision-hash").asText(""), ready,
                    pod.path("metadata").hasNonNull("deletionTimestamp"), controller));
        }
        return pods;
    }

    /** {@code kubectl delete pod NAME -n NAMESPACE --wait=false}; a pod already gone is no error. */
    public void deletePod(String name, String namespace) throws IOException, InterruptedException {
        CapturedOutput out = read("delete", "pod", name, "-n", namespace, "--wait=false", "--ignore-not-found",
                "--request-timeout=" + REQUEST_TIMEOUT.toSeconds() + "s");
        if (!out.succeeded()) {
            throw new CommandFailedException("kubectl delete pod " + name, out);
        }
    }

    private CapturedOutput read(String... args) throws IOException, InterruptedException {
        List<String> argv = base();
        argv.addAll(List.of(args));
        Command command = new Command(argv, Map.of(), null, REQUEST_TIMEOUT.plusSeconds(40), List.of());
        return CapturedOutput.run(runner, command, line -> { });
    }

    private List<String> base() {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.addAll(target.kubectlFlags());
        return argv;
    }

    private static JsonNode parse(CapturedOutput out) {
        String json = out.jsonText();
        if (json.isEmpty()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CommandFailedException("reading kubectl's JSON answer (" + e.getOriginalMessage() + ")", out);
        }
    }
}
