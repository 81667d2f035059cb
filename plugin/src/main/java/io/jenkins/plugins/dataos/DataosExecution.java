package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.model.TaskListener;
import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.run.RunLockedException;
import io.dataos.upgrade.secret.MissingSecretException;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * The shape every DataOS step execution shares: the work runs on a background thread (never on the Pipeline's
 * CPS thread), all output goes through one masking stream, engine input errors become clean step failures, and
 * the result is a plain map. A controller restart while a step runs fails that step; the run's journal lets a
 * re-run resume where it stopped.
 */
abstract class DataosExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

    private static final long serialVersionUID = 1L;

    /** Null means the system clock; tests set a fixed one (maintenance windows, plan times). */
    private transient Clock clock;

    DataosExecution(StepContext context) {
        super(context);
    }

    /** The clock this execution judges time by: maintenance windows and timestamps. */
    Clock clock() {
        return clock == null ? Clock.systemUTC() : clock;
    }

    /** Test hook: judge time by {@code fixed} instead of the system clock. Call before {@code start()}. */
    DataosExecution withClock(Clock fixed) {
        this.clock = fixed;
        return this;
    }

    @Override
    protected final Map<String, Object> run() throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        SecretMasker masker = new SecretMasker();
        PrintStream log = masker.printStream(listener.getLogger());
        try {
            return ResultMaps.plain(execute(new StepRun(getContext(), listener, log, masker)), masker);
        } catch (InvalidInputException | MissingSecretException | RunLockedException e) {
            // refusals the engine explains in full: the message is for the operator, a stack trace is not
            throw new AbortException(masker.mask(e.getMessage()));
        } catch (AbortException e) {
            throw masker.reveals(String.valueOf(e.getMessage()), List.of()) ? new AbortException(masker.mask(e.getMessage())) : e;
        } catch (IOException e) {
            // the cause is dropped only when the message held a secret: its trace could repeat it
            throw masker.reveals(String.valueOf(e.getMessage()), List.of())
                    ? new IOException(masker.mask(e.getMessage())) : e;
        } finally {
            log.flush();
        }
    }

    /** The step's work; {@code run.log()} is the masked build log. */
    protected abstract Map<String, Object> execute(StepRun run) throws Exception;
}
