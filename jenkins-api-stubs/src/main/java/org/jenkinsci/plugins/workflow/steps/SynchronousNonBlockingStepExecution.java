// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/workflow-step-api-plugin
// src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java
// (workflow-step-api 678.v3ee58b_469476). run() goes to a background thread, as the caller's authentication
// (ACL.as), and its outcome to onSuccess/onFailure, as upstream.
package org.jenkinsci.plugins.workflow.steps;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** A step execution whose work runs synchronously on a background thread, not on the CPS VM thread. */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    private transient volatile Future<?> task;
    private transient String threadName;
    private transient volatile Throwable stopCause;

    private static ExecutorService executorService;

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution(StepContext)
    protected SynchronousNonBlockingStepExecution(@NonNull StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#start (Jenkins.getAuthentication, then ACL.as in the worker thread)
    @Override
    public final boolean start() throws Exception {
        final Authentication auth = currentAuthentication();
        task = getExecutorService().submit(() -> {
            threadName = Thread.currentThread().getName();
            try {
                T ret;
                SecurityContext previous = SecurityContextHolder.getContext();
                SecurityContext as = SecurityContextHolder.createEmptyContext();
                as.setAuthentication(auth);
                SecurityContextHolder.setContext(as);
                try {
                    ret = run();
                } finally {
                    SecurityContextHolder.setContext(previous);
                }
                getContext().onSuccess(ret);
            } catch (Throwable x) {
                if (stopCause == null) {
                    getContext().onFailure(x);
                } else {
                    stopCause.addSuppressed(x);
                }
            }
        });
        return false;
    }

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#stop
    @Override
    public void stop(Throwable cause) throws Exception {
        if (task != null) {
            stopCause = cause;
            task.cancel(true);
        }
        super.stop(cause);
    }

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#onResume
    @Override
    public void onResume() {
        getContext().onFailure(new SynchronousResumeNotSupportedException());
    }

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#getStatus
    @Override
    public @NonNull String getStatus() {
        if (threadName != null) {
            return "running in thread: " + threadName;
        } else {
            return "not yet scheduled";
        }
    }

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#blocksRestart
    @Override
    public boolean blocksRestart() {
        return threadName != null;
    }

    // jenkinsci/workflow-step-api-plugin .../SynchronousNonBlockingStepExecution.java,
    // SynchronousNonBlockingStepExecution#getExecutorService: a cached pool whose threads come from
    // NamingThreadFactory(ClassLoaderSanityThreadFactory(DaemonThreadFactory())), i.e. default threads made daemons,
    // with the context class loader of Jenkins core (here: the loader of the stand-ins), named "<class> [#n]"
    static synchronized ExecutorService getExecutorService() {
        if (executorService == null) {
            ThreadFactory core = Executors.defaultThreadFactory();
            AtomicInteger threadNum = new AtomicInteger();
            executorService = Executors.newCachedThreadPool(r -> {
                Thread t = core.newThread(r);
                t.setDaemon(true);
                t.setContextClassLoader(SynchronousNonBlockingStepExecution.class.getClassLoader());
                t.setName("org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution [#"
                        + threadNum.incrementAndGet() + "]");
                return t;
            });
        }
        return executorService;
    }

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java, Jenkins#getAuthentication2 (anonymous when
    // the thread has none)
    private static Authentication currentAuthentication() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            a = new AnonymousAuthenticationToken("anonymous", "anonymous",
                    Set.of(new SimpleGrantedAuthority("anonymous")));
        }
        return a;
    }
}
