// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java (credentials 1419.v2337d1ceceef).
// The IconSpec interface and the scope/context helpers are omitted.
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

/** Describes a kind of credential. */
public abstract class CredentialsDescriptor extends Descriptor<Credentials> {

    protected CredentialsDescriptor(Class<? extends Credentials> clazz) {
        super(clazz);
    }

    protected CredentialsDescriptor() {
        super();
    }
}
