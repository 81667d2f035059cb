package io.jenkins.plugins.dataos;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Node;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectStreamException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * A StepContext for plain tests, the way Pipeline gives one to a step inside {@code node}: a real workspace
 * directory on a test agent (its root a temporary directory), a local launcher, a build of a test job, and a
 * listener that records everything printed. It serializes like Pipeline's: by an id, so a step execution written
 * out and read back (a controller restart) finds the same build, log and outcome again; the context it was
 * written from can be {@link #stopController() stopped}, after which it answers nothing, as a dead controller does.
 */
final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Build> BUILDS = new ConcurrentHashMap<>();

    /** What survives a restart: the build and its log, its outcome, the agent. */
    static final class Build {
        final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        final TaskListener listener;
        final Map<Class<?>, Object> objects = new HashMap<>();
        final CompletableFuture<Object> outcome = new CompletableFuture<>();
        volatile Result result;
        /** False while the agent is disconnected: no workspace, no launcher. */
        volatile boolean agentOnline = true;

        Build(Path workspace, Path agentRoot) throws IOException {
            PrintStream logger = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
            listener = new TaskListener() {
                private static final long serialVersionUID = 1L;

                @Override
                public PrintStream getLogger() {
                    return logger;
                }
            };
            objects.put(TaskListener.class, listener);
            objects.put(FilePath.class, new FilePath(workspace.toFile()));
            objects.put(Launcher.class, new Launcher.LocalLauncher(listener));
            EnvVars env = new EnvVars();
            env.put("PATH", System.getenv("PATH"));
            env.put("JENKINS_NODE_COOKIE", UUID.randomUUID().toString());
            objects.put(EnvVars.class, env);
            objects.put(Run.class, new TestRun(new TestJob()));
            objects.put(Node.class, new TestNode(new FilePath(agentRoot.toFile())));
            objects.put(FlowNode.class, new TestFlowNode());
        }
    }

    /**
     * The users the tests' security realm knows, by id, with their groups: what {@code User.getById(id, false)
     * .impersonate2()} gives in a real controller (a user unknown to Jenkins is none). Empty unless a test adds one.
     */
    static final Map<String, java.util.List<String>> USERS = new ConcurrentHashMap<>();

    static {
        UserGroups.directory = id -> {
            java.util.List<String> groups = USERS.get(id);
            if (groups == null) {
                return null;
            }
            java.util.List<org.springframework.security.core.GrantedAuthority> authorities =
                    new java.util.ArrayList<>();
            authorities.add(new org.springframework.security.core.authority.SimpleGrantedAuthority(
                    UserGroups.AUTHENTICATED));
            groups.forEach(g -> authorities.add(
                    new org.springframework.security.core.authority.SimpleGrantedAuthority(g)));
            return org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(
                    id, null, authorities);
        };
    }

    private final String id;
    private transient volatile boolean stopped;

    TestStepContext(Path workspace, Path agentRoot) throws IOException {
        this.id = UUID.randomUUID().toString();
        BUILDS.put(id, new Build(workspace, agentRoot));
    }

    Build build() {
        return BUILDS.get(id);
    }

    String log() {
        synchronized (build().logBytes) {
            return build().logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    Result result() {
        return build().result;
    }

    /** Replaces what the context gives for {@code type} (e.g. an EnvVars with JAVA_HOME set). */
    <T> void put(Class<T> type, T value) {
        build().objects.put(type, value);
    }

    /** The step's outcome: its result, or the exception it failed with (thrown). */
    Object await() throws Exception {
        return await(180);
    }

    Object await(int seconds) throws Exception {
        try {
            return build().outcome.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    boolean isDone() {
        return build().outcome.isDone();
    }

    /** From now on this context object is a dead controller's: it answers nothing and records nothing. */
    void stopController() {
        stopped = true;
    }

    @Override
    public <T> T get(Class<T> key) throws IOException {
        if (stopped) {
            throw new IOException("the controller holding this context has stopped");
        }
        Build b = build();
        if (!b.agentOnline && (key == FilePath.class || key == Launcher.class)) {
            return null;
        }
        return key.cast(b.objects.get(key));
    }

    @Override
    public void onSuccess(Object value) {
        if (!stopped) {
            build().outcome.complete(value);
        }
    }

    @Override
    public void onFailure(Throwable t) {
        if (!stopped) {
            build().outcome.completeExceptionally(t);
        }
    }

    @Override
    public boolean isReady() {
        return true;
    }

    @Override
    public ListenableFuture<Void> saveState() {
        return Futures.immediateFuture(null);
    }

    @Override
    public void setResult(Result r) {
        Build b = build();
        b.result = b.result == null ? r : b.result.combine(r);
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("no body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestStepContext c && c.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** Read back after a restart: the same build, a live controller. */
    private Object readResolve() throws ObjectStreamException {
        return this;
    }

    /** Jenkins itself as the parent of the test jobs: empty full name, job directories under a temporary home. */
    static final class TestRoot implements ItemGroup<TestJob> {
        static final TestRoot INSTANCE = new TestRoot();
        private final java.io.File home;

        private TestRoot() {
            try {
                home = java.nio.file.Files.createTempDirectory("jenkins-home").toFile();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public String getFullName() {
            return "";
        }

        @Override
        public String getFullDisplayName() {
            return "";
        }

        @Override
        public String getUrl() {
            return "";
        }

        @Override
        public java.io.File getRootDirFor(TestJob child) {
            return new java.io.File(new java.io.File(home, "jobs"), child.getName());
        }

        @Override
        public java.io.File getRootDir() {
            return home;
        }

        @Override
        public void save() {
        }

        @Override
        public String getDisplayName() {
            return "Jenkins";
        }
    }

    /** A job whose ACL grants everything. */
    static class TestJob extends Job<TestJob, TestRun> {
        TestJob() {
            super(TestRoot.INSTANCE, "dataos-upgrade");
        }

        @Override
        public ACL getACL() {
            return new ACL() {
                @Override
                public boolean hasPermission2(Authentication a, hudson.security.Permission p) {
                    return true;
                }
            };
        }
    }

    /** A build of {@link TestJob}. */
    static final class TestRun extends Run<TestJob, TestRun> {
        TestRun(TestJob job) throws IOException {
            super(job);
        }
    }

    /** The step's node in the flow graph: the actions a step adds to it are what the stage view shows. */
    static final class TestFlowNode extends FlowNode {
        TestFlowNode() {
            super(null, "7");
        }

        @Override
        protected String getTypeDisplayName() {
            return "test step";
        }

        @Override
        public String getDisplayName() {
            return "test step";
        }

        @Override
        public void save() {
        }
    }

    /** The agent the build runs on: its root directory is where the plugin keeps the engine and run folders. */
    static final class TestNode extends Node implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient FilePath root;

        TestNode(FilePath root) {
            this.root = root;
        }

        @Override
        public String getNodeName() {
            return "test-agent";
        }

        @Override
        public String getDisplayName() {
            return getNodeName();
        }

        @Override
        public hudson.model.Descriptor<Node> getDescriptor() {
            throw new UnsupportedOperationException("a test agent has no descriptor");
        }

        @Override
        public ACL getACL() {
            throw new UnsupportedOperationException("a test agent has no ACL");
        }

        @Override
        public java.io.File getRootDir() {
            throw new UnsupportedOperationException("a test agent keeps no configuration");
        }

        @Override
        public void save() {
        }

        @Override
        public FilePath getRootPath() {
            return root;
        }
    }
}
