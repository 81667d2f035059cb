// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java (credentials 1419.v2337d1ceceef).
// Only the static members the plugin uses. Working local behaviour: findCredentialById searches the
// stand-in SystemCredentialsProvider list (no domains, no parameter expansion, no authentication), and
// track() returns its argument (there are no fingerprints here).
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;

/** Finds credentials for a build or a job, and records their use. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider> {

    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);
    public static final Permission CREATE = new Permission(GROUP, "Create", Permission.CREATE);
    public static final Permission UPDATE = new Permission(GROUP, "Update", Permission.UPDATE);
    public static final Permission VIEW = new Permission(GROUP, "View", UPDATE);
    public static final Permission DELETE = new Permission(GROUP, "Delete", Permission.DELETE);
    public static final Permission MANAGE_DOMAINS = new Permission(GROUP, "ManageDomains", Permission.CONFIGURE);
    public static final Permission USE_OWN = new Permission(GROUP, "UseOwn", Permission.CONFIGURE);
    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", USE_OWN);

    protected CredentialsProvider() {
        super();
    }

    @Override
    public Descriptor<CredentialsProvider> getDescriptor() {
        return this;
    }

    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c) && id.equals(((IdCredentials) c).getId())) {
                return type.cast(c);
            }
        }
        return null;
    }

    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return credentials;
    }
}
