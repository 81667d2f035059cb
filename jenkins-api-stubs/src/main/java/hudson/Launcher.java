// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/Launcher.java
// (Jenkins 2.479.3). The bodies the plugin and its tests reach are written from the real ones (each names the
// upstream method): LocalLauncher prints the command line to the listener, runs the process with this JVM's
// environment overridden by the starter's (expanded as EnvVars#overrideExpandingAll does), expands $VAR in every
// argument, and pumps its output like LocalProc. RemoteLauncher and DecoratedLauncher exist for instanceof checks;
// there is no remoting here, so they launch nothing.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Starts processes on the machine a build runs on. */
public abstract class Launcher {

    @NonNull
    protected final TaskListener listener;

    @CheckForNull
    protected final VirtualChannel channel;

    // Launcher#showFullPath
    public static boolean showFullPath = false;

    private static final InputStream NULL_INPUT_STREAM = InputStream.nullInputStream();

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    // Launcher(Launcher): the constructor for a decorator.
    protected Launcher(@NonNull Launcher launcher) {
        this(launcher.listener, launcher.channel);
    }

    // Launcher#getChannel
    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    // Launcher#getListener
    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    // Launcher#isUnix: this JVM's platform (RemoteLauncher answers for its agent).
    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    // Launcher#launch()
    @NonNull
    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    // Launcher#printCommandLine: "[dir] $ arg arg", an argument with a space in double quotes (single quotes
    // when it holds a double quote), the directory's last segment unless showFullPath.
    protected final void printCommandLine(@NonNull String[] cmd, @CheckForNull FilePath workDir) {
        StringBuilder buf = new StringBuilder();
        if (workDir != null) {
            buf.append('[');
            buf.append(showFullPath ? workDir.getRemote() : workDir.getRemote().replaceFirst("^.+[/\\\\]", ""));
            buf.append("] ");
        }
        buf.append('$');
        for (String c : cmd) {
            buf.append(' ');
            if (c.indexOf(' ') >= 0) {
                if (c.indexOf('"') >= 0) {
                    buf.append('\'').append(c).append('\'');
                } else {
                    buf.append('"').append(c).append('"');
                }
            } else {
                buf.append(c);
            }
        }
        listener.getLogger().println(buf);
        listener.getLogger().flush();
    }

    // Launcher#maskedPrintCommandLine(List, boolean[], FilePath): masked arguments print as ********.
    protected final void maskedPrintCommandLine(@NonNull List<String> cmd, @CheckForNull boolean[] mask,
            @CheckForNull FilePath workDir) {
        if (mask == null) {
            printCommandLine(cmd.toArray(new String[0]), workDir);
            return;
        }
        String[] masked = new String[cmd.size()];
        for (int i = 0; i < cmd.size(); i++) {
            masked[i] = mask[i] ? "********" : cmd.get(i);
        }
        printCommandLine(masked, workDir);
    }

    // Launcher#inherit(String[]): this JVM's environment, overridden by the given one with expansion.
    private static EnvVars inherit(@CheckForNull String[] env) {
        EnvVars m = new EnvVars();
        if (env != null) {
            for (String e : env) {
                int index = e.indexOf('=');
                m.put(e.substring(0, index), e.substring(index + 1));
            }
        }
        EnvVars inherited = new EnvVars(EnvVars.masterEnvVars);
        inherited.overrideExpandingAll(m);
        return inherited;
    }

    /** How a process is started: arguments, directory, environment, streams. */
    public final class ProcStarter {
        protected List<String> commands;
        @CheckForNull
        protected boolean[] masks;
        private boolean quiet;
        @CheckForNull
        protected FilePath pwd;
        @CheckForNull
        protected OutputStream stdout = OutputStream.nullOutputStream();
        @CheckForNull
        protected OutputStream stderr;
        @CheckForNull
        protected InputStream stdin = NULL_INPUT_STREAM;
        @CheckForNull
        protected String[] envs = null;

        // ProcStarter#cmds(String...)
        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        // ProcStarter#cmds(List)
        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        // ProcStarter#cmds()
        public List<String> cmds() {
            return commands;
        }

        // ProcStarter#masks(boolean...)
        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        // ProcStarter#quiet(boolean): suppresses the printed command line.
        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        // ProcStarter#quiet()
        public boolean quiet() {
            return quiet;
        }

        // ProcStarter#pwd(FilePath)
        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        // ProcStarter#pwd()
        @CheckForNull
        public FilePath pwd() {
            return pwd;
        }

        // ProcStarter#stdout(OutputStream): null is documented as /dev/null, but LocalProc's stdout copier
        // refuses a null stream (StreamCopyThread: "out is null").
        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        // ProcStarter#stdout()
        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        // ProcStarter#stderr(OutputStream): null bundles stderr into stdout.
        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        // ProcStarter#envs(Map) -> Util.mapToEnv: "KEY=value" strings.
        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            List<String> kv = new ArrayList<>();
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                kv.add(e.getKey() + '=' + e.getValue());
            }
            this.envs = kv.toArray(new String[0]);
            return this;
        }

        // ProcStarter#envs(String...): every entry must hold '='.
        public ProcStarter envs(@CheckForNull String... overrides) {
            if (overrides != null) {
                for (String override : overrides) {
                    if (override.indexOf('=') == -1) {
                        throw new IllegalArgumentException(override);
                    }
                }
            }
            this.envs = overrides;
            return this;
        }

        // ProcStarter#envs()
        @NonNull
        public String[] envs() {
            return envs != null ? envs.clone() : new String[0];
        }

        // ProcStarter#start -> Launcher#launch(ProcStarter)
        public Proc start() throws IOException {
            return launch(this);
        }

        // ProcStarter#join: start, then wait for the exit code.
        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    /** Runs processes in this JVM's machine. */
    public static class LocalLauncher extends Launcher {

        // LocalLauncher(TaskListener): on FilePath.localChannel.
        public LocalLauncher(@NonNull TaskListener listener) {
            this(listener, FilePath.localChannel);
        }

        public LocalLauncher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
            super(listener, channel);
        }

        // LocalLauncher#launch(ProcStarter): prints the command line unless quiet, inherits the environment,
        // expands each argument with it, then starts a LocalProc.
        @Override
        public Proc launch(@NonNull ProcStarter ps) throws IOException {
            if (!ps.quiet) {
                maskedPrintCommandLine(ps.commands, ps.masks, ps.pwd);
            }
            EnvVars jobEnv = inherit(ps.envs);
            String[] jobCmd = new String[ps.commands.size()];
            for (int idx = 0; idx < jobCmd.length; idx++) {
                jobCmd[idx] = jobEnv.expand(ps.commands.get(idx));
            }
            List<String> env = new ArrayList<>();
            jobEnv.forEach((k, v) -> env.add(k + '=' + v));
            return new Proc.LocalProc(jobCmd, env.toArray(new String[0]), ps.stdin, ps.stdout, ps.stderr,
                    ps.pwd == null ? null : new File(ps.pwd.getRemote()));
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) throws InterruptedException {
            throw new UnsupportedOperationException("stand-in: ProcessTree is not modelled");
        }
    }

    /** Runs processes on an agent, over its channel. */
    public static class RemoteLauncher extends Launcher {
        private final boolean isUnix;

        public RemoteLauncher(@NonNull TaskListener listener, @NonNull VirtualChannel channel, boolean isUnix) {
            super(listener, channel);
            this.isUnix = isUnix;
        }

        @Override
        public Proc launch(ProcStarter ps) throws IOException {
            throw new UnsupportedOperationException("stand-in: no remoting here");
        }

        // RemoteLauncher#isUnix: the agent's platform.
        @Override
        public boolean isUnix() {
            return isUnix;
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
            throw new UnsupportedOperationException("stand-in: no remoting here");
        }
    }

    /** A launcher that wraps another one (container, docker inside, withEnv of a LauncherDecorator). */
    public static class DecoratedLauncher extends Launcher {
        private final Launcher inner;

        public DecoratedLauncher(@NonNull Launcher inner) {
            super(inner);
            this.inner = inner;
        }

        // DecoratedLauncher#launch(ProcStarter): the inner launcher's.
        @Override
        public Proc launch(ProcStarter starter) throws IOException {
            return inner.launch(starter);
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException {
            inner.kill(modelEnvVars);
        }

        // DecoratedLauncher#isUnix
        @Override
        public boolean isUnix() {
            return inner.isUnix();
        }

        // DecoratedLauncher#getListener
        @NonNull
        @Override
        public TaskListener getListener() {
            return inner.getListener();
        }

        // DecoratedLauncher#getChannel
        @Override
        public VirtualChannel getChannel() {
            return inner.getChannel();
        }

        public Launcher getInner() {
            return inner;
        }
    }
}
