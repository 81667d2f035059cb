// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/FormValidation.java (Jenkins 2.479.3). The message is kept HTML-escaped
// as the real error()/warning()/ok() factories do; the aggregation and numeric validators are omitted.
package hudson.util;

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

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public abstract String renderHtml();

    public static FormValidation ok() {
        return respond(Kind.OK, null);
    }

    public static FormValidation ok(String message) {
        return respond(Kind.OK, escape(message));
    }

    public static FormValidation ok(String format, Object... args) {
        return ok(String.format(format, args));
    }

    public static FormValidation warning(String message) {
        return respond(Kind.WARNING, escape(message));
    }

    public static FormValidation warning(String format, Object... args) {
        return warning(String.format(format, args));
    }

    public static FormValidation error(String message) {
        return respond(Kind.ERROR, escape(message));
    }

    public static FormValidation error(String format, Object... args) {
        return error(String.format(format, args));
    }

    public static FormValidation validateRequired(String value) {
        return value == null || value.trim().isEmpty() ? error("This field is required.") : ok();
    }

    private static FormValidation respond(Kind kind, String html) {
        return new FormValidation(kind, html) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return html == null ? "<div/>" : "<div class=" + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + ">" + html + "</div>";
            }
        };
    }

    private static String escape(String text) {
        if (text == null) {
            return null;
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#039;");
    }
}
