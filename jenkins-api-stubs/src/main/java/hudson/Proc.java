// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/Proc.java
// (Jenkins 2.479.3). LocalProc is written from the real one (each body names the upstream method): a
// ProcessBuilder with exactly the given environment plus a HUDSON_COOKIE, stderr into stdout unless given, a
// thread copying stdout (which refuses a null stream, as StreamCopyThread does) and one feeding stdin. Killing
// uses the JDK's process tree instead of ProcessTree's cookie search.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A process started by a {@link Launcher}. */
public abstract class Proc {

    protected Proc() {
    }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    @CheckForNull
    public abstract InputStream getStdout();

    @CheckForNull
    public abstract InputStream getStderr();

    @CheckForNull
    public abstract OutputStream getStdin();

    /** A process on this machine. */
    public static final class LocalProc extends Proc {
        public static final InputStream SELFPUMP_INPUT = InputStream.nullInputStream();
        public static final OutputStream SELFPUMP_OUTPUT = OutputStream.nullOutputStream();

        private final Process proc;
        private final Thread copier;
        private final Thread copier2;
        private final OutputStream out;
        private final InputStream stdout;
        private final InputStream stderr;
        private final OutputStream stdin;

        // LocalProc(String[], String[], InputStream, OutputStream, OutputStream, File): the environment replaces
        // the process's whole environment (when given); stderr joins stdout when err is null.
        public LocalProc(String[] cmd, String[] env, InputStream in, OutputStream out, OutputStream err, File workDir)
                throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir);
            if (env != null) {
                Map<String, String> m = pb.environment();
                m.clear();
                for (String e : env) {
                    int idx = e.indexOf('=');
                    m.put(e.substring(0, idx), e.substring(idx + 1));
                }
            }
            if (err == null || err == SELFPUMP_OUTPUT) {
                pb.redirectErrorStream(true);
            }
            this.out = out;
            // EnvVars.createCookie: the variable ProcessTree later finds the process tree by.
            pb.environment().put("HUDSON_COOKIE", UUID.randomUUID().toString());
            if (pb.directory() != null && !pb.directory().exists()) {
                throw new IOException(String.format("Process working directory '%s' doesn't exist!",
                        pb.directory().getAbsolutePath()));
            }
            this.proc = pb.start();
            String name = String.join(" ", cmd);

            InputStream procInputStream = proc.getInputStream();
            if (out == SELFPUMP_OUTPUT) {
                stdout = procInputStream;
                copier = null;
            } else {
                copier = copy(name + ": stdout copier", procInputStream, out);
                stdout = null;
            }
            if (in == null) {
                stdin = null;
                proc.getOutputStream().close();
            } else if (in == SELFPUMP_INPUT) {
                stdin = proc.getOutputStream();
            } else {
                Thread feeder = new Thread(() -> {
                    try (InputStream i = in; OutputStream o = proc.getOutputStream()) {
                        byte[] buf = new byte[8192];
                        for (int len; (len = i.read(buf)) >= 0; ) {
                            o.write(buf, 0, len);
                            o.flush();
                        }
                    } catch (IOException e) {
                        // StdinCopyThread: nothing to do
                    }
                }, name + ": stdin copier");
                feeder.start();
                stdin = null;
            }
            InputStream procErrorStream = proc.getErrorStream();
            if (err != null) {
                if (err == SELFPUMP_OUTPUT) {
                    stderr = procErrorStream;
                    copier2 = null;
                } else {
                    stderr = null;
                    copier2 = copy(name + ": stderr copier", procErrorStream, err);
                }
            } else {
                procErrorStream.close();
                copier2 = null;
                stderr = null;
            }
        }

        // StreamCopyThread: copies until EOF, closes the input, flushes the output; a null output is refused.
        private static Thread copy(String threadName, InputStream in, OutputStream out) {
            if (out == null) {
                throw new NullPointerException("out is null");
            }
            Thread t = new Thread(() -> {
                try {
                    try {
                        byte[] buf = new byte[8192];
                        for (int len; (len = in.read(buf)) >= 0; ) {
                            out.write(buf, 0, len);
                        }
                    } finally {
                        in.close();
                        out.flush();
                    }
                } catch (IOException e) {
                    // StreamCopyThread: nothing to do
                }
            }, threadName);
            t.start();
            return t;
        }

        @Override
        public InputStream getStdout() {
            return stdout;
        }

        @Override
        public InputStream getStderr() {
            return stderr;
        }

        @Override
        public OutputStream getStdin() {
            return stdin;
        }

        // LocalProc#join: the exit code once the process and its copiers are done (10 s grace for the copiers;
        // copiers still running mean leaked file descriptors, reported into the output).
        @Override
        public int join() throws InterruptedException, IOException {
            try {
                int r = proc.waitFor();
                if (copier != null) {
                    copier.join(TimeUnit.SECONDS.toMillis(10));
                }
                if (copier2 != null) {
                    copier2.join(TimeUnit.SECONDS.toMillis(10));
                }
                if ((copier != null && copier.isAlive()) || (copier2 != null && copier2.isAlive())) {
                    String msg = "Process leaked file descriptors. See https://www.jenkins.io/redirect/troubleshooting/"
                            + "process-leaked-file-descriptors for more information";
                    out.write(msg.getBytes(Charset.defaultCharset()));
                    out.write('\n');
                }
                return r;
            } catch (InterruptedException e) {
                destroy();
                throw e;
            }
        }

        // LocalProc#isAlive
        @Override
        public boolean isAlive() throws IOException, InterruptedException {
            try {
                proc.exitValue();
                return false;
            } catch (IllegalThreadStateException e) {
                return true;
            }
        }

        // LocalProc#kill: destroy the tree, then join.
        @Override
        public void kill() throws InterruptedException, IOException {
            destroy();
            join();
        }

        private void destroy() {
            proc.descendants().forEach(ProcessHandle::destroyForcibly);
            proc.destroyForcibly();
        }
    }
}
