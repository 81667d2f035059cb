// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/Permission.java (Jenkins 2.479.3). Of the constructors only the
// (deprecated) three-argument one is declared, so stand-in constants need no Localizable messages.
package hudson.security;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;

/** An activity that requires a security privilege. */
public final class Permission {
    public final @NonNull Class owner;
    public final @NonNull PermissionGroup group;
    public final @NonNull String name;
    public final @CheckForNull Permission impliedBy;

    @Deprecated
    public Permission(@NonNull PermissionGroup group, @NonNull String name, @CheckForNull Permission impliedBy) {
        this.owner = group.owner;
        this.group = group;
        this.name = name;
        this.impliedBy = impliedBy;
    }

    public @NonNull String getId() {
        return owner.getName() + '.' + name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Permission && getId().equals(((Permission) o).getId());
    }

    @Override
    public int hashCode() {
        return getId().hashCode();
    }

    @Override
    public String toString() {
        return "Permission[" + owner + ',' + name + ']';
    }

    public static final PermissionGroup HUDSON_PERMISSIONS = new PermissionGroup(Object.class, null);
    public static final Permission HUDSON_ADMINISTER = new Permission(HUDSON_PERMISSIONS, "Administer", null);
    public static final PermissionGroup GROUP = new PermissionGroup(Permission.class, null);
    public static final Permission READ = new Permission(GROUP, "GenericRead", HUDSON_ADMINISTER);
    public static final Permission WRITE = new Permission(GROUP, "GenericWrite", HUDSON_ADMINISTER);
    public static final Permission CREATE = new Permission(GROUP, "GenericCreate", WRITE);
    public static final Permission UPDATE = new Permission(GROUP, "GenericUpdate", WRITE);
    public static final Permission DELETE = new Permission(GROUP, "GenericDelete", WRITE);
    public static final Permission CONFIGURE = new Permission(GROUP, "GenericConfigure", UPDATE);
}
