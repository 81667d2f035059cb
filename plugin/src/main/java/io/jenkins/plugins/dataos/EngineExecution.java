package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * Runs one step's engine command on the agent and follows it durably, the way {@code sh} is followed: the engine
 * starts detached under the agent wrapper, which keeps its log, result, heartbeat and exit status in a run folder
 * on the agent ({@code docs/engine-contract.md}); this execution copies the log into the build log from the last
 * offset and completes with the engine's result once the status file appears. All it keeps across a controller
 * restart is the node's name, the run folder and the log offset: after a restart it attaches to the same run folder
 * again, waiting for the agent to reconnect. It never completes while the engine runs, so the end of the
 * {@code node} block never kills an engine half-way; an abort asks the engine to stop at its next safe point and
 * completes once it has.
 */
final class EngineExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(EngineExecution.class.getName());

    /** Exit codes of the engine contract. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID_INPUT = 2;
    static final int WAITING = 3;
    static final int SIGINT = 130;
    static final int SIGTERM = 143;
    /** The wrapper's code when the engine could not start (a Java older than 17; the reason is in the log). */
    static final int CANNOT_START = 126;

    /** How often the run folder is looked at while the engine runs. */
    static long pollMillis = Long.getLong(EngineExecution.class.getName() + ".pollMillis", 1000);
    /** A heartbeat unchanged this long, with no exit status, means the wrapper and its engine were killed. */
    static long staleMillis = Long.getLong(EngineExecution.class.getName() + ".staleMillis", 90_000);
    /** How long an abort waits for the engine to stop at a safe point before the wrapper kills it. */
    static int graceSeconds = Integer.getInteger(EngineExecution.class.getName() + ".graceSeconds", 120);
    /** How long a resumed step waits for its agent to come back after a controller restart. */
    static long reconnectMillis = Long.getLong(EngineExecution.class.getName() + ".reconnectMillis", 300_000);
    private static final int CHUNK = 256 * 1024;
    private static final int TAIL_LINES = 30;

    /** What every step needs from Pipeline: the build, its log, a workspace on an agent, a launcher there. */
    static final Set<? extends Class<?>> CONTEXT = Set.of(Run.class, TaskListener.class, FilePath.class,
            Launcher.class, EnvVars.class, Node.class);

    private final EngineInvocation invocation;
    private String node;
    private String runDir;
    private long offset;
    private Throwable stopCause;
    private boolean completed;

    private transient volatile SecretMasker masker;
    private transient volatile FilePath folder;
    private transient String heartbeat;
    private transient long heartbeatSeenAt;
    private transient long waitingForAgentSince;
    private transient int polls;
    /** The wrapper as this controller started it (not after a restart): its early death is noticed at once. */
    private transient Proc wrapper;
    private transient AgentJava javaTried;

    EngineExecution(StepContext context, EngineInvocation invocation) {
        super(context);
        this.invocation = invocation;
    }

    @Override
    public boolean start() throws Exception {
        // start() runs on the Pipeline's thread: the copy of the engine and the launch go to the plugin's threads
        Poller.EXECUTOR.execute(this::launch);
        return false;
    }

    @Override
    public void onResume() {
        masker = null;
        folder = null;
        heartbeat = null;
        if (completed) {
            return;
        }
        if (runDir == null) {
            getContext().onFailure(new AbortException(Messages.format("Engine.NotStarted", invocation.function)));
            return;
        }
        schedule(0);
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        synchronized (this) {
            if (completed) {
                return;
            }
            stopCause = cause;
            if (runDir == null) {
                // not launched yet: launch() sees stopCause and stops right after starting, or never starts
                return;
            }
        }
        Poller.EXECUTOR.execute(this::requestStop);
    }

    @Override
    public String getStatus() {
        return runDir == null ? "starting the engine" : "engine running on " + node + " in " + runDir + ", "
                + offset + " log bytes copied" + (stopCause == null ? "" : ", stopping");
    }

    /** Resolves credentials, puts the engine on the agent and starts it under the wrapper. */
    private void launch() {
        Throwable stoppedEarly;
        synchronized (this) {
            stoppedEarly = stopCause;
        }
        if (stoppedEarly != null) {
            finish(null, stoppedEarly); // aborted before anything started
            return;
        }
        FilePath secretsFile = null;
        boolean started = false;
        try {
            StepContext context = getContext();
            TaskListener listener = context.get(TaskListener.class);
            Run<?, ?> run = context.get(Run.class);
            FilePath workspace = required(context.get(FilePath.class), FilePath.class);
            Launcher launcher = required(context.get(Launcher.class), Launcher.class);
            EnvVars environment = context.get(EnvVars.class);
            Node agent = required(context.get(Node.class), Node.class);
            SecretMasker secrets = new SecretMasker();
            Map<String, String> secretEnvironment = StepCredentials.resolve(run, invocation.credentialIds, secrets);
            masker = secrets;
            // before anything is written to the agent: the realm may take its time
            List<String> groups = UserGroups.pairs(invocation.approvers, invocation.argv, buildLog(),
                    invocation.function);

            FilePath root = agent.getRootPath();
            if (root == null) {
                throw new AbortException(Messages.format("Engine.AgentOffline", invocation.function,
                        agent.getNodeName()));
            }
            FilePath home = root.child("dataos-upgrade");
            // the run state (journals, backup kits, locks) outlives workspaces: under the agent's root unless set
            FilePath state = invocation.stateDir == null ? home.child("state") : workspace.child(invocation.stateDir);
            AgentJava java = AgentJava.find(environment, launcher);
            if (java.command().contains("/") && !new FilePath(workspace.getChannel(), java.command()).exists()) {
                throw new AbortException(Messages.format("Engine.NoJava", invocation.function, java.command(),
                        java.foundBy(), agent.getNodeName(), "no such file"));
            }
            FilePath jar = EngineJar.install(home.child("engine"));
            FilePath dir = home.child("runs").child(folderName(run));
            dir.mkdirs();
            dir.chmod(0700);
            synchronized (this) {
                // known before any secret is written: a controller that dies before the start leaves a step whose
                // resume finds the folder, sees no heartbeat and deletes the secrets file
                node = agent.getNodeName().isEmpty() ? "the built-in node" : agent.getNodeName();
                runDir = dir.getRemote();
            }
            context.saveState();
            if (!secretEnvironment.isEmpty()) {
                secretsFile = dir.child(SECRETS);
                // inside the 0700 folder from the first byte; 0600 as well, for the time it exists
                secretsFile.write(secretsFile(secretEnvironment), "UTF-8");
                secretsFile.chmod(0600);
            }
            List<String> argv = new ArrayList<>();
            if (AgentJava.undecorated(launcher) && launcher.isUnix() && hasSetsid(workspace)) {
                argv.add(SETSID);
            }
            argv.addAll(List.of(java.command(), "-Xmx64m", "-XX:+UseSerialGC", "-cp", jar.getRemote(), WRAPPER,
                    dir.getRemote(), Integer.toString(graceSeconds), "--", java.command(), "-jar", jar.getRemote()));
            argv.addAll(invocation.argv);
            if (!groups.isEmpty()) {
                // not on the command line, which the build log shows: who is in which group is the directory's
                FilePath groupsFile = dir.child(APPROVER_GROUPS);
                groupsFile.write(String.join("\n", groups) + "\n", "UTF-8");
                argv.addAll(List.of("--approver-groups-file", groupsFile.getRemote()));
            }
            if (invocation.outcome == EngineInvocation.Outcome.RUNBOOK && run != null) {
                argv.addAll(List.of("--started-by", "jenkins " + run.getFullDisplayName()));
            }
            if (invocation.workspaceOptions) {
                argv.addAll(List.of("--workspace", workspace.getRemote(), "--state-dir", state.getRemote()));
            }
            argv.addAll(List.of("--output", "json"));
            Launcher.ProcStarter starter = launcher.launch().cmds(escapeMacros(argv))
                    .pwd(workspace);
            if (environment != null) {
                starter.envs(environment);
            }
            Proc proc;
            try {
                proc = starter.start();
            } catch (IOException cannotRun) {
                throw new AbortException(Messages.format("Engine.NoJava", invocation.function, java.command(),
                        java.foundBy(), agent.getNodeName(), cannotRun.getMessage()));
            }
            started = true;
            Throwable stopped;
            synchronized (this) {
                folder = dir;
                wrapper = proc;
                javaTried = java;
                heartbeatSeenAt = System.nanoTime();
                stopped = stopCause;
            }
            context.saveState();
            if (stopped != null && !dir.child(STOP).exists()) {
                requestStop();
            }
            schedule(nextPoll());
        } catch (Throwable t) {
            fail(t);
        } finally {
            if (!started && secretsFile != null) {
                try {
                    secretsFile.delete();
                } catch (Exception e) {
                    LOGGER.log(Level.WARNING, "could not delete " + secretsFile + ": delete it by hand", e);
                }
            }
        }
    }

    /**
     * The delay before the next look: short at first, so that a step of a second or two (a plan, a report) ends
     * soon after its engine, then every {@link #pollMillis}.
     */
    private long nextPoll() {
        polls++;
        return Math.min(pollMillis, 50L << Math.min(polls, 10));
    }

    /** Looks at the run folder once: copies new log lines, completes on an exit status, notices a dead wrapper. */
    private void poll() {
        if (completed) {
            return;
        }
        try {
            FilePath dir = folder();
            if (dir == null) {
                if (System.nanoTime() - waitingForAgentSince > TimeUnit.MILLISECONDS.toNanos(reconnectMillis)) {
                    throw new AbortException(Messages.format("Engine.AgentGone", invocation.function, node,
                            reconnectMillis / 1000, runDir));
                }
                schedule(Math.max(pollMillis, 5000));
                return;
            }
            boolean finished = dir.child(STATUS).exists();
            copyLog(dir, finished);
            if (finished) {
                complete(dir);
                return;
            }
            String beat = dir.child(HEARTBEAT).exists() ? dir.child(HEARTBEAT).readToString() : null;
            Proc started = wrapper;
            if (started != null && !started.isAlive() && !dir.child(STATUS).exists()) {
                // the wrapper writes its status before it exits: dead without one, it never ran or was killed
                dir.child(SECRETS).delete();
                if (beat == null && javaTried != null) {
                    throw new AbortException(Messages.format("Engine.NoJava", invocation.function,
                            javaTried.command(), javaTried.foundBy(), node, "it exited at once with code "
                                    + started.join()));
                }
                throw new AbortException(Messages.format("Engine.Died", invocation.function, node, runDir,
                        tail(dir)));
            }
            long now = System.nanoTime();
            if (beat != null && !beat.equals(heartbeat)) {
                heartbeat = beat;
                heartbeatSeenAt = now;
            } else if (now - heartbeatSeenAt > TimeUnit.MILLISECONDS.toNanos(staleMillis)) {
                if (dir.child(STATUS).exists()) {
                    schedule(0);
                    return;
                }
                dir.child(SECRETS).delete();
                throw new AbortException(Messages.format("Engine.Stale", invocation.function, node,
                        staleMillis / 1000, runDir, tail(dir)));
            }
            waitingForAgentSince = 0;
            schedule(nextPoll());
        } catch (AbortException failed) {
            fail(failed);
        } catch (IOException agentAway) {
            // the agent disconnected (or is reconnecting after a restart): the engine goes on there; look again
            folder = null;
            if (waitingForAgentSince == 0) {
                waitingForAgentSince = System.nanoTime();
                LOGGER.log(Level.FINE, "lost the agent of " + runDir + ", waiting", agentAway);
            }
            if (System.nanoTime() - waitingForAgentSince > TimeUnit.MILLISECONDS.toNanos(reconnectMillis)) {
                fail(new AbortException(Messages.format("Engine.AgentGone", invocation.function, node,
                        reconnectMillis / 1000, runDir)));
            } else {
                schedule(Math.max(pollMillis, 5000));
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** The run folder, or null while the agent is offline (after a restart, until it reconnects). */
    private FilePath folder() throws IOException, InterruptedException {
        FilePath dir = folder;
        if (dir != null) {
            return dir;
        }
        FilePath workspace = getContext().get(FilePath.class);
        if (workspace == null) {
            if (waitingForAgentSince == 0) {
                waitingForAgentSince = System.nanoTime();
            }
            return null;
        }
        dir = new FilePath(workspace.getChannel(), runDir);
        heartbeatSeenAt = System.nanoTime();
        folder = dir;
        return dir;
    }

    /**
     * Copies the engine's log from the saved offset: whole lines only, so a secret is never split between two
     * copies and masked by halves; at the end, everything.
     */
    private void copyLog(FilePath dir, boolean all) throws IOException, InterruptedException {
        FilePath log = dir.child(LOG);
        if (!log.exists()) {
            return;
        }
        PrintStream out = buildLog();
        while (true) {
            byte[] chunk;
            try (InputStream in = log.readFromOffset(offset)) {
                chunk = in.readNBytes(CHUNK);
            }
            if (chunk.length == 0) {
                return;
            }
            int end = chunk.length;
            if (!all || chunk.length == CHUNK) {
                int newline = lastNewline(chunk);
                if (newline >= 0) {
                    end = newline + 1;
                } else if (chunk.length < CHUNK) {
                    return;
                }
            }
            for (String line : new String(chunk, 0, end, StandardCharsets.UTF_8).split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.println(invocation.function + ": " + line);
                }
            }
            out.flush();
            offset += end;
            if (end < chunk.length || chunk.length < CHUNK) {
                return;
            }
        }
    }

    /** The engine has exited: its exit code and JSON result become the step's outcome. */
    private void complete(FilePath dir) throws Exception {
        dir.child(SECRETS).delete();
        String statusText = dir.child(STATUS).readToString().trim();
        int code;
        try {
            code = Integer.parseInt(statusText);
        } catch (NumberFormatException e) {
            throw new AbortException(Messages.format("Engine.Crashed", invocation.function, "'" + statusText + "'",
                    runDir, tail(dir)));
        }
        if (code == CANNOT_START) {
            throw new AbortException(Messages.format("Engine.CannotStart", invocation.function, node, tail(dir)));
        }
        if (code == SIGINT || code == SIGTERM) {
            Throwable cause = stopCause != null ? stopCause
                    : new FlowInterruptedException(Result.ABORTED, true);
            buildLog().println(invocation.function + ": " + Messages.format("Engine.Stopped", code));
            forget(dir);
            finish(null, cause);
            return;
        }
        Map<String, Object> result = null;
        if (code == OK || code == FAILED || code == INVALID_INPUT || code == WAITING) {
            FilePath json = dir.child(RESULT);
            try {
                result = json.exists() ? EngineJson.object(readUtf8(json)) : null;
            } catch (EngineJson.MalformedResult malformed) {
                buildLog().println(invocation.function + ": " + masker().mask(malformed.getMessage()));
            }
        }
        if (result == null) {
            throw new AbortException(Messages.format("Engine.Crashed", invocation.function, code, runDir, tail(dir)));
        }
        Map<String, Object> plain = ResultMaps.plain(result, masker());
        Map<String, Object> value;
        try {
            value = outcome(code, plain);
        } catch (AbortException refused) {
            forget(dir); // a refusal or a failed runbook is an outcome too: its log is in the build's
            throw refused;
        }
        forget(dir);
        finish(value, null);
    }

    /**
     * Deletes the run folder of an engine that ended with an outcome: its log is in the build's, its result is the
     * step's. A folder of a crash is kept for diagnosis (the message names it); the agent wrapper prunes those
     * after {@code AgentRun.KEEP_FINISHED}. Called before the step completes, so that whoever sees the step end
     * (the next step, a test) also sees the folder gone.
     */
    private void forget(FilePath dir) {
        try {
            dir.deleteRecursive();
        } catch (Exception e) {
            LOGGER.log(Level.FINE, "could not delete the finished run folder " + runDir, e);
        }
    }

    /** The step's return value for exit {@code code}, or the failure the contract says it is. */
    private Map<String, Object> outcome(int code, Map<String, Object> result) throws Exception {
        String status = String.valueOf(result.getOrDefault("status", ""));
        String message = String.valueOf(result.getOrDefault("message", result.getOrDefault("error", "")));
        if (code == INVALID_INPUT) {
            throw new AbortException(invocation.function + ": " + stepArguments(String.valueOf(
                    result.getOrDefault("error", message))));
        }
        switch (invocation.outcome) {
            case RUNBOOK -> {
                buildLog().println(invocation.function + ": " + status + ": " + message);
                if (code == OK || !invocation.propagate) {
                    return result;
                }
                if (code == WAITING) {
                    throw new AbortException(Messages.format("Runbook.NotApproved", invocation.function,
                            gatesWaiting(result), result.get("runId"), result.get("journal")));
                }
                throw new AbortException(Messages.format("Runbook.NotSucceeded", invocation.function, status,
                        message));
            }
            case VERIFY -> {
                if (code == OK) {
                    result.put("buildResult", Result.SUCCESS.toString());
                    return result;
                }
                String problems = failedChecks(result);
                if (code == FAILED && invocation.unstableOnFailure) {
                    getContext().setResult(Result.UNSTABLE);
                    FlowNode node = getContext().get(FlowNode.class);
                    if (node != null) {
                        // the stage shows it UNSTABLE too, not only the build
                        node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                    }
                    buildLog().println(invocation.function + ": " + Messages.format("Verify.Unstable", problems));
                    result.put("buildResult", Result.UNSTABLE.toString());
                    return result;
                }
                throw new AbortException(Messages.format("Verify.Failed", message, problems, result.get("junit")));
            }
            default -> {
                if (code == OK) {
                    Object summary = result.getOrDefault("summary", result.get("message"));
                    if (summary != null) {
                        buildLog().println(invocation.function + ": " + summary);
                    }
                    return result;
                }
                throw new AbortException(invocation.function + ": " + message);
            }
        }
    }

    /** The engine names its options ({@code --window}); the operator wrote step arguments: name both. */
    private String stepArguments(String message) {
        String named = message;
        for (Map.Entry<String, String> e : invocation.arguments.entrySet()) {
            named = named.replaceAll("(?<![\\w-])" + java.util.regex.Pattern.quote(e.getKey()) + "(?![\\w-])",
                    java.util.regex.Matcher.quoteReplacement(e.getValue() + " (" + e.getKey() + ")"));
        }
        return named;
    }

    private static String gatesWaiting(Map<String, Object> result) {
        List<String> gates = new ArrayList<>();
        if (result.get("gatesWaiting") instanceof List<?> waiting) {
            for (Object g : waiting) {
                if (g instanceof Map<?, ?> gate) {
                    Object approvers = gate.get("approvers");
                    gates.add("'" + gate.get("id") + "'" + (gate.get("reason") == null ? "" : " (" + gate.get("reason")
                            + ")") + (approvers instanceof List<?> l && !l.isEmpty() ? ", approvers "
                            + l.stream().map(String::valueOf).collect(Collectors.joining(", ")) : ""));
                }
            }
        }
        return String.join("; ", gates);
    }

    private static String failedChecks(Map<String, Object> result) {
        List<String> problems = new ArrayList<>();
        if (result.get("failedChecks") instanceof List<?> failed) {
            for (Object c : failed) {
                if (c instanceof Map<?, ?> check) {
                    problems.add(check.get("name") + " (" + check.get("status") + ": " + check.get("message") + ")");
                }
            }
        }
        return String.join("; ", problems);
    }

    /** Asks the wrapper to stop the engine: SIGTERM now, a kill after the grace period. */
    private void requestStop() {
        try {
            FilePath dir = folder();
            if (dir != null) {
                dir.child(STOP).write("stop requested by " + String.valueOf(stopCause).replace('\n', ' ') + "\n",
                        "UTF-8");
                buildLog().println(invocation.function + ": " + Messages.format("Engine.Stopping", graceSeconds));
            }
        } catch (Exception e) {
            LOGGER.log(Level.WARNING, "could not ask the engine in " + runDir + " to stop", e);
        }
    }

    private void schedule(long delayMillis) {
        Poller.EXECUTOR.schedule(this::poll, delayMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void finish(Map<String, Object> result, Throwable failure) {
        if (completed) {
            return;
        }
        completed = true;
        if (failure == null) {
            getContext().onSuccess(result);
        } else {
            getContext().onFailure(failure);
        }
    }

    /** Any failure of the plugin's own, masked: its message and its causes' could quote a secret. */
    private void fail(Throwable t) {
        if (t instanceof InterruptedException && !(t instanceof FlowInterruptedException)) {
            Thread.currentThread().interrupt();
        }
        if (t instanceof FlowInterruptedException) {
            finish(null, t);
            return;
        }
        SecretMasker m = masker;
        String message = t instanceof AbortException ? t.getMessage()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Throwable cause = t.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause.getClass().getSimpleName()).append(": ")
                    .append(cause.getMessage());
        }
        if (!(t instanceof AbortException)) {
            LOGGER.log(Level.FINE, "dataos step failed", m == null ? t : new Exception(m.mask(text.toString())));
        }
        finish(null, new AbortException(m == null ? text.toString() : m.mask(text.toString())));
    }

    private SecretMasker masker() throws IOException, InterruptedException {
        SecretMasker m = masker;
        if (m == null) {
            // after a restart: the same credentials again, to mask what the engine prints
            m = new SecretMasker();
            StepCredentials.resolve(getContext().get(Run.class), invocation.credentialIds, m);
            masker = m;
        }
        return m;
    }

    private PrintStream buildLog() throws IOException, InterruptedException {
        return masker().printStream(getContext().get(TaskListener.class).getLogger());
    }

    /** The last lines of the engine's log, masked, for a failure message. */
    private String tail(FilePath dir) {
        try {
            FilePath log = dir.child(LOG);
            if (!log.exists()) {
                return "(no log)";
            }
            long length = log.length();
            String text;
            try (InputStream in = log.readFromOffset(Math.max(0, length - 8192))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Deque<String> lines = new ArrayDeque<>();
            for (String line : text.split("\n")) {
                lines.addLast(line);
                if (lines.size() > TAIL_LINES) {
                    lines.removeFirst();
                }
            }
            return masker().mask(String.join("\n", lines));
        } catch (Exception e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    private static String readUtf8(FilePath file) throws IOException, InterruptedException {
        try (InputStream in = file.read()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int lastNewline(byte[] chunk) {
        for (int i = chunk.length - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The launcher expands {@code $NAME} and {@code ${NAME}} in every argument with the build's variables
     * ({@code Launcher.LocalLauncher.launch}); {@code $$} is its escape for a literal {@code $}.
     */
    static List<String> escapeMacros(List<String> argv) {
        return argv.stream().map(a -> a.replace("$", "$$")).toList();
    }

    /** {@code NAME=base64(value)} lines: one per secret, whatever the value holds (new lines, '='). */
    static String secretsFile(Map<String, String> environment) {
        StringBuilder out = new StringBuilder();
        environment.forEach((name, value) -> out.append(name).append('=')
                .append(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return out.toString();
    }

    /** A run folder per step execution: the build's tag and a random part (several steps run in one build). */
    private static String folderName(Run<?, ?> run) {
        String build = run == null ? "build" : run.getExternalizableId();
        String safe = build.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        if (safe.length() > 60) {
            safe = safe.substring(safe.length() - 60);
        }
        return safe + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean hasSetsid(FilePath workspace) throws IOException, InterruptedException {
        return new FilePath(workspace.getChannel(), SETSID).exists();
    }

    private static <T> T required(T value, Class<T> type) throws AbortException {
        if (value == null) {
            throw new AbortException("no " + type.getSimpleName() + " in this context: call the step inside node { ... }");
        }
        return value;
    }

    static final String WRAPPER = "io.dataos.upgrade.cli.agent.Wrapper";
    static final String SETSID = "/usr/bin/setsid";
    static final String LOG = "engine.log";
    static final String RESULT = "result.json";
    static final String STATUS = "status";
    static final String HEARTBEAT = "heartbeat";
    static final String STOP = "stop";
    static final String SECRETS = "secrets";
    /** The groups Jenkins knows of the approvers, one APPROVER=GROUP a line (--approver-groups-file). */
    static final String APPROVER_GROUPS = "approver-groups";
}
