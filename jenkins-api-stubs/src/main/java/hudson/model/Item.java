// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Item.java (Jenkins 2.479.3). The real interface also extends
// PersistenceRoot, FullyNamedModelObject, SearchableModelObject, FullyNamed and Named; only the members
// the plugin uses are declared.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import jenkins.util.io.OnMaster;

/** A job, folder or other top-level configurable thing. */
public interface Item extends ModelObject, AccessControlled, OnMaster {

    ItemGroup<? extends Item> getParent();

    @NonNull
    String getName();

    @NonNull
    String getFullName();

    String getFullDisplayName();

    String getUrl();

    PermissionGroup PERMISSIONS = new PermissionGroup(Item.class, null);
    Permission CREATE = new Permission(PERMISSIONS, "Create", Permission.CREATE);
    Permission DELETE = new Permission(PERMISSIONS, "Delete", Permission.DELETE);
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", Permission.CONFIGURE);
    Permission READ = new Permission(PERMISSIONS, "Read", Permission.READ);
    Permission DISCOVER = new Permission(PERMISSIONS, "Discover", READ);
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", CONFIGURE);
    Permission BUILD = new Permission(PERMISSIONS, "Build", Permission.UPDATE);
    Permission WORKSPACE = new Permission(PERMISSIONS, "Workspace", Permission.READ);
    Permission CANCEL = new Permission(PERMISSIONS, "Cancel", BUILD);
}
