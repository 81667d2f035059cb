// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java (credentials 1419.v2337d1ceceef).
// Display names are omitted.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

/** Where a credential may be used. */
public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
