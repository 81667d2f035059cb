// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Item.java (Jenkins 2.479.3). Only the members the plugin uses are declared.
// The permission groups and permissions repeat the real ids, implications and enablement; their titles and
// descriptions (Localizable messages) are omitted.
package hudson.model;

import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import jenkins.util.io.OnMaster;

/** A job, folder or other top-level configurable thing. */
public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster {

    ItemGroup<? extends Item> getParent();

    String getName();

    String getFullName();

    @Override
    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    PermissionGroup PERMISSIONS = new PermissionGroup("Job", Item.class, null);
    Permission CREATE = new Permission(PERMISSIONS, "Create", null, Permission.CREATE);
    Permission DELETE = new Permission(PERMISSIONS, "Delete", null, Permission.DELETE);
    Permission CONFIGURE = new Permission(PERMISSIONS, "Configure", null, Permission.CONFIGURE);
    Permission READ = new Permission(PERMISSIONS, "Read", null, Permission.READ);
    Permission DISCOVER = new Permission(PERMISSIONS, "Discover", null, READ);
    // upstream: enabled only with -Dhudson.security.ExtendedReadPermission=true (SystemProperties.getBoolean)
    Permission EXTENDED_READ = new Permission(PERMISSIONS, "ExtendedRead", null, CONFIGURE,
            Boolean.getBoolean("hudson.security.ExtendedReadPermission"));
    Permission BUILD = new Permission(PERMISSIONS, "Build", null, Permission.UPDATE);
    Permission WORKSPACE = new Permission(PERMISSIONS, "Workspace", null, Permission.READ);
    Permission CANCEL = new Permission(PERMISSIONS, "Cancel", null, Permission.UPDATE);
}
