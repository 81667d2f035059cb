// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/FormValidation.java (Jenkins 2.479.3). renderHtml() answers as during the
// Stapler request that Jenkins calls a doCheck method in (outside one, upstream returns the bare message). The
// aggregation, file and numeric validators and the markup variants are omitted.
package hudson.util;

import java.util.Locale;
import org.kohsuke.stapler.HttpResponse;

/** The outcome of checking one form field: OK, a warning or an error with a message. */
public abstract class FormValidation extends java.io.IOException implements HttpResponse {
    private static final long serialVersionUID = 1L;

    /** How serious the outcome is. */
    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation(Kind)
    private FormValidation(Kind kind) {
        this.kind = kind;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation(Kind, String)
    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public abstract String renderHtml();

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#OK
    private static final FormValidation OK = respond(Kind.OK, "<div/>");

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#ok()
    public static FormValidation ok() {
        return OK;
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("stand-in: FormValidation#ok(String) is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#warning(String)
    public static FormValidation warning(String message) {
        return _errorWithMarkup(message == null ? null : escape(message), Kind.WARNING);
    }

    public static FormValidation warning(String format, Object... args) {
        throw new UnsupportedOperationException("stand-in: FormValidation#warning(String, Object...) is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#error(String)
    public static FormValidation error(String message) {
        return _errorWithMarkup(message == null ? null : escape(message), Kind.ERROR);
    }

    public static FormValidation error(String format, Object... args) {
        throw new UnsupportedOperationException("stand-in: FormValidation#error(String, Object...) is not modelled");
    }

    public static FormValidation validateRequired(String value) {
        throw new UnsupportedOperationException("stand-in: FormValidation#validateRequired is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#_errorWithMarkup (a null
    // message is OK)
    private static FormValidation _errorWithMarkup(final String message, final Kind kind) {
        if (message == null) {
            return ok();
        }
        return new FormValidation(kind, message) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return "<div class=\"" + kind.name().toLowerCase(Locale.ENGLISH) + "\">" + message + "</div>";
            }

            @Override
            public String toString() {
                return kind + ": " + message;
            }
        };
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/FormValidation.java, FormValidation#respond(Kind, String)
    public static FormValidation respond(Kind kind, final String html) {
        return new FormValidation(kind) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return html;
            }

            @Override
            public String toString() {
                return kind + ": " + html;
            }
        };
    }

    // jenkinsci/jenkins core/src/main/java/hudson/Util.java, Util#escape: HTML-escapes and turns newlines into <br>
    // and runs of spaces into &nbsp; (all but the last)
    private static String escape(String text) {
        StringBuilder buf = new StringBuilder(text.length() + 64);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                buf.append("<br>");
            } else if (ch == '<') {
                buf.append("&lt;");
            } else if (ch == '>') {
                buf.append("&gt;");
            } else if (ch == '&') {
                buf.append("&amp;");
            } else if (ch == '"') {
                buf.append("&quot;");
            } else if (ch == '\'') {
                buf.append("&#039;");
            } else if (ch == ' ') {
                char nextCh = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                buf.append(nextCh == ' ' ? "&nbsp;" : " ");
            } else {
                buf.append(ch);
            }
        }
        return buf.toString();
    }
}
