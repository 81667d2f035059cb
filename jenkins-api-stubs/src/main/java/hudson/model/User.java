// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/User.java (Jenkins 2.479.3). Only the lookup of a user record by id and its
// impersonation are declared, for the groups of an approver. Both need a running Jenkins (the user records, the
// security realm), so no body is modelled: the plugin's tests never reach them (UserGroups takes a test lookup).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import jenkins.model.Loadable;
import jenkins.model.ModelObjectWithContextMenu;
import org.kohsuke.stapler.StaplerProxy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** A user known to Jenkins. */
public class User extends AbstractModelObject implements AccessControlled, DescriptorByNameOwner, Loadable,
        Saveable, Comparable<User>, ModelObjectWithContextMenu, StaplerProxy {

    private User() {
    }

    public static @Nullable User getById(String id, boolean create) {
        throw new UnsupportedOperationException("stand-in: User#getById is not modelled (needs the user records)");
    }

    public @NonNull Authentication impersonate2() throws UsernameNotFoundException {
        throw new UnsupportedOperationException("stand-in: User#impersonate2 is not modelled (needs the realm)");
    }

    @Override
    public @NonNull String getDisplayName() {
        throw new UnsupportedOperationException("stand-in: User#getDisplayName is not modelled");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("stand-in: User#getACL is not modelled");
    }

    @Override
    public void load() {
        throw new UnsupportedOperationException("stand-in: User#load is not modelled");
    }

    @Override
    public synchronized void save() throws java.io.IOException {
        throw new UnsupportedOperationException("stand-in: User#save is not modelled");
    }

    @Override
    public int compareTo(@NonNull User that) {
        throw new UnsupportedOperationException("stand-in: User#compareTo is not modelled");
    }
}
