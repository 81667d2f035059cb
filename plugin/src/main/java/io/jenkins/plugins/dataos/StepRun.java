package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.dataos.upgrade.InvalidInputException;
import java.io.IOException;
import java.io.PrintStream;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What one step execution works with while its {@code run()} lasts: the context objects its descriptor
 * requires, the masked build log and the secrets resolved so far. Never serialized.
 */
final class StepRun {

    private final StepContext context;
    private final TaskListener listener;
    private final PrintStream log;
    private final SecretMasker masker;

    StepRun(StepContext context, TaskListener listener, PrintStream log, SecretMasker masker) {
        this.context = context;
        this.listener = listener;
        this.log = log;
        this.masker = masker;
    }

    /** The build log, with every resolved secret masked. */
    PrintStream log() {
        return log;
    }

    TaskListener listener() {
        return listener;
    }

    SecretMasker masker() {
        return masker;
    }

    StepContext context() {
        return context;
    }

    Run<?, ?> build() throws IOException, InterruptedException {
        return required(Run.class);
    }

    FilePath workspaceRoot() throws IOException, InterruptedException {
        return required(FilePath.class);
    }

    FilePathWorkspace workspace() throws IOException, InterruptedException {
        return new FilePathWorkspace(workspaceRoot());
    }

    LauncherCommandRunner commandRunner() throws IOException, InterruptedException {
        return new LauncherCommandRunner(required(Launcher.class), workspaceRoot(), context.get(EnvVars.class),
                listener, masker);
    }

    /**
     * The bytes of the workspace file a step argument names; a missing file is refused naming the argument, so
     * the message says which argument to fix.
     */
    byte[] read(String field, String path) throws IOException, InterruptedException {
        FilePathWorkspace workspace = workspace();
        if (!workspace.exists(path)) {
            throw new InvalidInputException(path, "(file)", "does not exist in the workspace (given as " + field
                    + "): check the path, or create the file in an earlier stage");
        }
        if (workspace.resolve(path).isDirectory()) {
            throw new InvalidInputException(path, "(file)", "is a directory (given as " + field + "): give a file");
        }
        return workspace.read(path);
    }

    private <T> T required(Class<T> type) throws IOException, InterruptedException {
        T value = context.get(type);
        if (value == null) {
            // getRequiredContext lists it, so Pipeline checked this before the step started
            throw new AbortException("no " + type.getSimpleName() + " in this context: call the step inside node { ... }");
        }
        return value;
    }
}
