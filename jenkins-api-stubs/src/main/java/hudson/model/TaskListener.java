// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/TaskListener.java (Jenkins 2.479.3). annotate/hyperlink (console notes)
// are omitted.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Receives the output of a lengthy operation such as a build. */
public interface TaskListener extends SerializableOnlyOverRemoting {

    @NonNull
    PrintStream getLogger();

    @NonNull
    default Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    @NonNull
    default PrintWriter error(String msg) {
        PrintStream out = getLogger();
        out.print("ERROR: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }

    @NonNull
    default PrintWriter error(String format, Object... args) {
        return error(String.format(format, args));
    }

    @NonNull
    default PrintWriter fatalError(String msg) {
        PrintStream out = getLogger();
        out.print("FATAL: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }

    @NonNull
    default PrintWriter fatalError(String format, Object... args) {
        return fatalError(String.format(format, args));
    }

    TaskListener NULL = new TaskListener() {
        private static final long serialVersionUID = 1L;

        @Override
        public PrintStream getLogger() {
            return new PrintStream(OutputStream.nullOutputStream());
        }
    };
}
