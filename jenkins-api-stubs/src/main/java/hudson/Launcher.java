// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/Launcher.java (Jenkins 2.479.3): Launcher, its inner ProcStarter and the
// nested LocalLauncher. LocalLauncher starts a real local process (argv, no shell), prints the command
// line with masked arguments as "********" unless quiet, like the real one, merges stderr into stdout
// when no stderr is set, and adds the given variables to the inherited environment. launchChannel,
// decorators and the deprecated launch(String[]...) overloads are omitted.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.util.ArgumentListBuilder;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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

    protected Launcher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    @CheckForNull
    public VirtualChannel getChannel() {
        return channel;
    }

    @NonNull
    public TaskListener getListener() {
        return listener;
    }

    public boolean isUnix() {
        return File.pathSeparatorChar == ':';
    }

    @NonNull
    public final ProcStarter launch() {
        return new ProcStarter();
    }

    public abstract Proc launch(@NonNull ProcStarter starter) throws IOException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    /** The settings of a process to start; every setter returns this starter. */
    public final class ProcStarter {
        protected List<String> commands;
        @CheckForNull
        protected boolean[] masks;
        @CheckForNull
        protected FilePath pwd;
        @CheckForNull
        protected OutputStream stdout;
        @CheckForNull
        protected OutputStream stderr;
        @CheckForNull
        protected InputStream stdin;
        @CheckForNull
        protected String[] envs;
        protected boolean quiet;

        public ProcStarter cmds(String... args) {
            return cmds(Arrays.asList(args));
        }

        public ProcStarter cmds(File program, String... args) {
            List<String> all = new ArrayList<>();
            all.add(program.getPath());
            all.addAll(Arrays.asList(args));
            return cmds(all);
        }

        public ProcStarter cmds(List<String> args) {
            commands = new ArrayList<>(args);
            return this;
        }

        public ProcStarter cmds(ArgumentListBuilder args) {
            commands = args.toList();
            masks = args.toMaskArray();
            return this;
        }

        public List<String> cmds() {
            return commands;
        }

        public ProcStarter masks(@CheckForNull boolean... masks) {
            this.masks = masks;
            return this;
        }

        @CheckForNull
        public boolean[] masks() {
            return masks;
        }

        public ProcStarter quiet(boolean quiet) {
            this.quiet = quiet;
            return this;
        }

        public boolean quiet() {
            return quiet;
        }

        public ProcStarter pwd(@CheckForNull FilePath workDir) {
            this.pwd = workDir;
            return this;
        }

        public ProcStarter pwd(@NonNull File workDir) {
            return pwd(new FilePath(workDir));
        }

        public ProcStarter pwd(@NonNull String workDir) {
            return pwd(new File(workDir));
        }

        @CheckForNull
        public FilePath pwd() {
            return pwd;
        }

        public ProcStarter stdout(@CheckForNull OutputStream out) {
            this.stdout = out;
            return this;
        }

        public ProcStarter stdout(@NonNull TaskListener out) {
            return stdout(out.getLogger());
        }

        @CheckForNull
        public OutputStream stdout() {
            return stdout;
        }

        public ProcStarter stderr(@CheckForNull OutputStream err) {
            this.stderr = err;
            return this;
        }

        @CheckForNull
        public OutputStream stderr() {
            return stderr;
        }

        public ProcStarter stdin(@CheckForNull InputStream in) {
            this.stdin = in;
            return this;
        }

        @CheckForNull
        public InputStream stdin() {
            return stdin;
        }

        public ProcStarter envs(@NonNull Map<String, String> overrides) {
            List<String> kv = new ArrayList<>();
            for (Map.Entry<String, String> e : overrides.entrySet()) {
                kv.add(e.getKey() + "=" + e.getValue());
            }
            this.envs = kv.toArray(new String[0]);
            return this;
        }

        public ProcStarter envs(@CheckForNull String... overrides) {
            this.envs = overrides;
            return this;
        }

        @NonNull
        public String[] envs() {
            return envs == null ? new String[0] : envs.clone();
        }

        public Proc start() throws IOException {
            return launch(this);
        }

        public int join() throws IOException, InterruptedException {
            return start().join();
        }
    }

    /** Starts processes in this JVM's machine. */
    public static class LocalLauncher extends Launcher {

        public LocalLauncher(@NonNull TaskListener listener) {
            this(listener, null);
        }

        public LocalLauncher(@NonNull TaskListener listener, @CheckForNull VirtualChannel channel) {
            super(listener, channel);
        }

        @Override
        public Proc launch(@NonNull ProcStarter ps) throws IOException {
            if (!ps.quiet) {
                printCommandLine(ps);
            }
            ProcessBuilder pb = new ProcessBuilder(ps.commands);
            for (String kv : ps.envs()) {
                int eq = kv.indexOf('=');
                pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            if (ps.pwd != null) {
                pb.directory(new File(ps.pwd.getRemote()));
            }
            pb.redirectErrorStream(ps.stderr == null);
            OutputStream out = ps.stdout != null ? ps.stdout : listener.getLogger();
            Process process = pb.start();
            Thread outCopier = copier(process.getInputStream(), out);
            Thread errCopier = ps.stderr == null ? null : copier(process.getErrorStream(), ps.stderr);
            if (ps.stdin != null) {
                InputStream in = ps.stdin;
                Thread t = new Thread(() -> {
                    try (OutputStream o = process.getOutputStream()) {
                        in.transferTo(o);
                    } catch (IOException e) {
                        // the process closed its stdin: nothing more to send
                    }
                }, "stdin copier");
                t.setDaemon(true);
                t.start();
            } else {
                process.getOutputStream().close();
            }
            return new Proc() {
                @Override
                public boolean isAlive() {
                    return process.isAlive();
                }

                @Override
                public void kill() throws IOException, InterruptedException {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    join();
                }

                @Override
                public int join() throws IOException, InterruptedException {
                    try {
                        int code = process.waitFor();
                        outCopier.join(10_000);
                        if (errCopier != null) {
                            errCopier.join(10_000);
                        }
                        out.flush();
                        return code;
                    } catch (InterruptedException e) {
                        process.destroyForcibly();
                        throw e;
                    }
                }

                @Override
                public InputStream getStdout() {
                    return null;
                }

                @Override
                public InputStream getStderr() {
                    return null;
                }

                @Override
                public OutputStream getStdin() {
                    return null;
                }
            };
        }

        @Override
        public void kill(Map<String, String> modelEnvVars) {
            // processes are killed through their Proc here
        }

        private void printCommandLine(ProcStarter ps) {
            StringBuilder line = new StringBuilder();
            if (ps.pwd != null) {
                line.append('[').append(new File(ps.pwd.getRemote()).getName()).append("] ");
            }
            line.append('$');
            for (int i = 0; i < ps.commands.size(); i++) {
                boolean masked = ps.masks != null && i < ps.masks.length && ps.masks[i];
                line.append(' ').append(masked ? "********" : ps.commands.get(i));
            }
            PrintStream logger = listener.getLogger();
            logger.println(line);
        }

        private static Thread copier(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                try {
                    byte[] buffer = new byte[8192];
                    int n;
                    while ((n = from.read(buffer)) >= 0) {
                        synchronized (to) {
                            to.write(buffer, 0, n);
                        }
                    }
                    to.flush();
                } catch (IOException e) {
                    // the process went away: what was read has been copied
                }
            }, "stdout copier");
            t.setDaemon(true);
            t.start();
            return t;
        }
    }
}
