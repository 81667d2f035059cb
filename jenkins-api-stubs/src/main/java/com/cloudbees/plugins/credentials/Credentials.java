// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/Credentials.java (credentials 1419.v2337d1ceceef).
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Run;
import java.io.Serializable;

/** A generic credential. */
public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {

    @CheckForNull
    CredentialsScope getScope();

    @NonNull
    @Override
    CredentialsDescriptor getDescriptor();

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/Credentials.java,
    // Credentials#forRun (CredentialsProvider#findCredentialById contextualizes what it finds through it)
    @NonNull
    default Credentials forRun(@NonNull Run<?, ?> context) {
        return this;
    }
}
