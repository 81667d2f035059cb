// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsMatcher.java (credentials 1419.v2337d1ceceef).
// The CQL sub-interface is omitted.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** A filter of credentials. */
public interface CredentialsMatcher extends Serializable {
    boolean matches(@NonNull Credentials item);
}
