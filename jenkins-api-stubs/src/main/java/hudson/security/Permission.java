// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/Permission.java (Jenkins 2.479.3). The PermissionScope constructors,
// scopes and the global registry (getAll/fromId) are omitted. Known difference: HUDSON_PERMISSIONS is owned by
// hudson.model.Hudson upstream (ids "hudson.model.Hudson.Administer"); the stand-in has no Hudson class and
// uses Object.class, so HUDSON_ADMINISTER's id here is "java.lang.Object.Administer".
package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Comparator;
import org.jvnet.localizer.Localizable;

/** An activity that requires a security privilege. */
public final class Permission {
    public static final Comparator<Permission> ID_COMPARATOR = Comparator.comparing(Permission::getId);

    public final @NonNull Class owner;
    public final @NonNull PermissionGroup group;
    private final @CheckForNull String id;
    public final @NonNull String name;
    public final @CheckForNull Localizable description;
    public final @CheckForNull Permission impliedBy;
    public boolean enabled;

    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java, Permission(PermissionGroup, String,
    // Localizable, Permission, boolean, PermissionScope[]) without the scopes
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Localizable description,
            @CheckForNull Permission impliedBy, boolean enable) {
        if (!isJavaIdentifier(name)) {
            throw new IllegalArgumentException(name + " is not a Java identifier");
        }
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.description = description;
        this.impliedBy = impliedBy;
        this.enabled = enable;
        this.id = owner.getName() + '.' + name;
        group.add(this);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java, Permission(PermissionGroup, String,
    // Localizable, Permission)
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Localizable description,
            @CheckForNull Permission impliedBy) {
        this(group, name, description, impliedBy, true);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java, Permission(PermissionGroup, String,
    // Permission)
    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Permission impliedBy) {
        this(group, name, null, impliedBy);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java, Permission#getId
    public @NonNull String getId() {
        if (id == null) {
            return owner.getName() + '.' + name;
        }
        return id;
    }

    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException("stand-in: Permission#equals is not modelled");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("stand-in: Permission#hashCode is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/Permission.java, Permission#toString
    @Override
    public String toString() {
        return "Permission[" + owner + ',' + name + ']';
    }

    public void setEnabled(boolean enable) {
        throw new UnsupportedOperationException("stand-in: Permission#setEnabled is not modelled");
    }

    public boolean getEnabled() {
        throw new UnsupportedOperationException("stand-in: Permission#getEnabled is not modelled");
    }

    // net.sf.json.util.JSONUtils#isJavaIdentifier, as the real constructor uses it
    private static boolean isJavaIdentifier(String s) {
        if (s.isEmpty() || !Character.isJavaIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!Character.isJavaIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Deprecated
    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup("Overall", Object.class, null);
    @Deprecated
    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null, null);
    public static final PermissionGroup GROUP = new PermissionGroup("N/A", Permission.class, null);
    @Deprecated
    public static final Permission FULL_CONTROL = new Permission(GROUP, "FullControl", null, HUDSON_ADMINISTER);
    public static final Permission READ = new Permission(GROUP, "GenericRead", null, HUDSON_ADMINISTER);
    public static final Permission WRITE = new Permission(GROUP, "GenericWrite", null, HUDSON_ADMINISTER);
    public static final Permission CREATE = new Permission(GROUP, "GenericCreate", null, WRITE);
    public static final Permission UPDATE = new Permission(GROUP, "GenericUpdate", null, WRITE);
    public static final Permission DELETE = new Permission(GROUP, "GenericDelete", null, WRITE);
    public static final Permission CONFIGURE = new Permission(GROUP, "GenericConfigure", null, UPDATE);
}
