// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/TaskListener.java (Jenkins 2.479.3). annotate/hyperlink (console notes)
// are omitted, and so is getCharset(): it is @Restricted(ProtectedExternally.class) upstream, so plugins may
// neither call nor rely on it; error() writes in its default, UTF-8, as upstream does for every listener that
// does not override it.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Receives the output of a lengthy operation such as a build. */
public interface TaskListener extends SerializableOnlyOverRemoting {

    @NonNull
    PrintStream getLogger();

    // jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java, TaskListener#_error
    private PrintWriter _error(String prefix, String msg) {
        PrintStream out = getLogger();
        out.print(prefix);
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/TaskListener.java, TaskListener#error(String) (the stand-in
    // Proc#joinWithTimeout reports its timeout through it)
    @NonNull
    default PrintWriter error(String msg) {
        return _error("ERROR: ", msg);
    }

    @NonNull
    default PrintWriter error(String format, Object... args) {
        throw new UnsupportedOperationException("stand-in: TaskListener#error(String, Object...) is not modelled");
    }

    @NonNull
    default PrintWriter fatalError(String msg) {
        throw new UnsupportedOperationException("stand-in: TaskListener#fatalError is not modelled");
    }

    @NonNull
    default PrintWriter fatalError(String format, Object... args) {
        throw new UnsupportedOperationException("stand-in: TaskListener#fatalError(String, Object...) is not modelled");
    }

    // upstream: a NullTaskListener whose logger discards everything
    TaskListener NULL = new TaskListener() {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream out = new PrintStream(OutputStream.nullOutputStream());

        @Override
        public PrintStream getLogger() {
            return out;
        }
    };
}
