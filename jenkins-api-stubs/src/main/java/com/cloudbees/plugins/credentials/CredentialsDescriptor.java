// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java (credentials 1419.v2337d1ceceef).
// The scope/context helpers and the icon are omitted.
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;
import org.jenkins.ui.icon.IconSpec;

/** Describes a kind of credential. */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> implements IconSpec {

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java,
    // CredentialsDescriptor(Class)
    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        super(clazz);
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java,
    // CredentialsDescriptor() (the describable is the outer class)
    protected CredentialsDescriptor() {
    }
}
