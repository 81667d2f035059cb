// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Descriptor.java (Jenkins 2.479.3). Form binding (newInstance/configure
// with StaplerRequest2 and JSONObject) and persistence are omitted or trivial; the help-file and view
// lookups answer from the class path next to clazz, as the real ones do before building a URL.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

/** Metadata about, and factory of, a Describable type. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        Class<?> outer = getClass().getEnclosingClass();
        if (outer == null) {
            throw new AssertionError(getClass() + " doesn't have an outer class. "
                    + "Use the constructor that takes the Class object explicitly.");
        }
        this.clazz = (Class<? extends T>) outer;
    }

    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    public String getHelpFile() {
        return getHelpFile(null);
    }

    /** The help resource for {@code fieldName} (or the whole form when null), or null when there is none. */
    public String getHelpFile(@CheckForNull final String fieldName) {
        String page = fieldName == null ? "help.html" : "help-" + fieldName + ".html";
        return resource(page);
    }

    public String getConfigPage() {
        String page = resource("config.jelly");
        return page == null ? "none" : page;
    }

    public synchronized void save() {
    }

    public synchronized void load() {
    }

    private String resource(String page) {
        String name = clazz.getName().replace('.', '/').replace('$', '/') + "/" + page;
        return clazz.getClassLoader() != null && clazz.getClassLoader().getResource(name) != null ? "/" + name : null;
    }

    /** A problem with a submitted form field. */
    public static final class FormException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
