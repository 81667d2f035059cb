package io.jenkins.plugins.dataos;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.security.ACL;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.springframework.security.core.Authentication;

/**
 * A StepContext for plain unit tests: a real workspace directory, a local launcher, a build of a test job, and a
 * listener that records everything printed, so tests can assert on the build log.
 */
final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    final transient ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    final transient TaskListener listener;
    final transient Map<Class<?>, Object> objects = new HashMap<>();
    final transient CompletableFuture<Object> outcome = new CompletableFuture<>();
    transient Result result;

    TestStepContext(Path workspace) throws IOException {
        PrintStream logger = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        listener = new TaskListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public PrintStream getLogger() {
                return logger;
            }
        };
        TestJob job = new TestJob();
        objects.put(TaskListener.class, listener);
        objects.put(FilePath.class, new FilePath(workspace.toFile()));
        objects.put(Launcher.class, new Launcher.LocalLauncher(listener));
        objects.put(EnvVars.class, new EnvVars("PATH", System.getenv("PATH")));
        objects.put(Run.class, new TestRun(job));
    }

    String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    /** The step's outcome: its result, or the exception it failed with (thrown). */
    Object await() throws Exception {
        try {
            return outcome.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object value) {
        outcome.complete(value);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
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
        result = result == null ? r : result.combine(r);
    }

    @Override
    public BodyInvoker newBodyInvoker() {
        throw new IllegalStateException("no body");
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** A job whose ACL grants everything. */
    static class TestJob extends Job<TestJob, TestRun> {
        TestJob() {
            super((ItemGroup) null, "dataos-upgrade");
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
}
