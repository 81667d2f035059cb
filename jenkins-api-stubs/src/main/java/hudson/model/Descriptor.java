// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Descriptor.java (Jenkins 2.479.3). Form binding (newInstance/configure with
// StaplerRequest2 and JSONObject) and persistence are omitted. The help-file and config-page lookups answer as
// the real ones do while Jenkins serves a request (English locale, the Jelly and Groovy view facets): upstream
// they need the current Stapler request and the running Jenkins's WebApp, outside of which they fail.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.List;
import java.util.Locale;
import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.HttpResponse;

/** Metadata about, and factory of, a Describable type. */
public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    public final transient Class<? extends T> clazz;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor(Class)
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected Descriptor(Class<? extends T> clazz) {
        if (clazz == self()) {
            clazz = (Class) getClass();
        }
        this.clazz = clazz;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor(): the outer class is the
    // describable; both type-error checks are repeated
    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<T>) getClass().getEnclosingClass();
        if (clazz == null) {
            throw new AssertionError(getClass() + " doesn't have an outer class. "
                    + "Use the constructor that takes the Class object explicitly.");
        }
        Class<?> t = describableTypeArgument(getClass());
        if (t != null && !t.isAssignableFrom(clazz)) {
            throw new AssertionError("Outer class " + clazz + " of " + getClass() + " is not assignable to " + t
                    + ". Perhaps wrong outer class?");
        }
        try {
            Method getd = clazz.getMethod("getDescriptor");
            if (!getd.getReturnType().isAssignableFrom(getClass())) {
                throw new AssertionError(getClass() + " must be assignable to " + getd.getReturnType());
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(getClass() + " is missing getDescriptor method.", e);
        }
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getDisplayName
    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getId
    public String getId() {
        return clazz.getName();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getHelpFile()
    public String getHelpFile() {
        return getHelpFile(null);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getHelpFile(Klass, String) for
    // Klass.java(clazz): the help URL when the class or a superclass has a help view (help[-field].jelly/.groovy)
    // or a static help page (Descriptor#getStaticHelpUrl), else null. Help redirects are not modelled.
    public String getHelpFile(@CheckForNull final String fieldName) {
        for (Class<?> c = clazz; c != null; c = c.getSuperclass()) {
            String page = "/descriptor/" + getId() + "/help";
            String suffix;
            if (fieldName == null) {
                suffix = "";
            } else {
                page += '/' + fieldName;
                suffix = '-' + fieldName;
            }
            if (resource(c, "help" + suffix + ".jelly") || resource(c, "help" + suffix + ".groovy")) {
                return page;
            }
            if (staticHelp(c, suffix)) {
                return page;
            }
        }
        return null;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getConfigPage and
    // Descriptor#getViewPage(Class, Collection, String), with getPossibleViewNames("config") of the default facets
    public String getConfigPage() {
        for (Class<?> c = clazz; c != Object.class && c != null; c = c.getSuperclass()) {
            for (String pageName : List.of("config.jelly", "config.groovy")) {
                String name = c.getName().replace('.', '/').replace('$', '/') + "/" + pageName;
                if (c.getClassLoader().getResource(name) != null) {
                    return '/' + name;
                }
            }
        }
        return "config.jelly";
    }

    @Override
    public synchronized void save() {
        throw new UnsupportedOperationException("stand-in: Descriptor#save is not modelled");
    }

    @Override
    public synchronized void load() {
        throw new UnsupportedOperationException("stand-in: Descriptor#load is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#self
    @SuppressWarnings("rawtypes")
    protected static Class self() {
        return Self.class;
    }

    /** Marker for the describable being the descriptor itself (Descriptor#self()). */
    public static final class Self {
    }

    // jenkinsci/stapler core/src/main/java/org/kohsuke/stapler/lang/KlassNavigator.java, JAVA#getResource
    private static boolean resource(Class<?> c, String resourceName) {
        ClassLoader cl = c.getClassLoader();
        return cl != null
                && cl.getResource(c.getName().replace('.', '/').replace('$', '/') + '/' + resourceName) != null;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Descriptor.java, Descriptor#getStaticHelpUrl for a request
    // whose only locale is the JVM default
    private static boolean staticHelp(Class<?> c, String suffix) {
        String base = "help" + suffix;
        Locale locale = Locale.getDefault();
        if (resource(c, base + '_' + locale.getLanguage() + '_' + locale.getCountry() + '_' + locale.getVariant() + ".html")
                || resource(c, base + '_' + locale.getLanguage() + '_' + locale.getCountry() + ".html")
                || resource(c, base + '_' + locale.getLanguage() + ".html")) {
            return true;
        }
        return resource(c, base + ".html");
    }

    // org.jvnet.tiger_types.Types#getBaseClass + #erasure, as Descriptor() uses them: the class that T of
    // Descriptor<T> resolves to for this descriptor class, or null when it is not a parameterized type
    private static Class<?> describableTypeArgument(Class<?> descriptorClass) {
        java.util.Map<TypeVariable<?>, Type> bound = new java.util.HashMap<>();
        Class<?> c = descriptorClass;
        while (c != null && c != Descriptor.class) {
            Type sup = c.getGenericSuperclass();
            Class<?> raw;
            if (sup instanceof ParameterizedType) {
                ParameterizedType pt = (ParameterizedType) sup;
                raw = (Class<?>) pt.getRawType();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                Type[] args = pt.getActualTypeArguments();
                for (int i = 0; i < vars.length; i++) {
                    Type a = args[i];
                    while (a instanceof TypeVariable && bound.containsKey(a)) {
                        a = bound.get(a);
                    }
                    bound.put(vars[i], a);
                }
                if (raw == Descriptor.class) {
                    return erasure(bound.get(vars[0]));
                }
            } else {
                raw = (Class<?>) sup;
                if (raw == Descriptor.class) {
                    return null;
                }
            }
            c = raw;
        }
        return null;
    }

    private static Class<?> erasure(Type t) {
        if (t instanceof Class) {
            return (Class<?>) t;
        }
        if (t instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) t).getRawType();
        }
        if (t instanceof TypeVariable) {
            return erasure(((TypeVariable<?>) t).getBounds()[0]);
        }
        return Object.class;
    }

    /** A problem with a submitted form field. */
    public static final class FormException extends Exception implements HttpResponse {
        private static final long serialVersionUID = 1L;
        private final String formField;

        public FormException(String message, String formField) {
            throw new UnsupportedOperationException("stand-in: Descriptor.FormException is not modelled");
        }

        public FormException(String message, Throwable cause, String formField) {
            throw new UnsupportedOperationException("stand-in: Descriptor.FormException is not modelled");
        }

        public FormException(Throwable cause, String formField) {
            throw new UnsupportedOperationException("stand-in: Descriptor.FormException is not modelled");
        }

        public String getFormField() {
            throw new UnsupportedOperationException("stand-in: Descriptor.FormException#getFormField is not modelled");
        }
    }
}
