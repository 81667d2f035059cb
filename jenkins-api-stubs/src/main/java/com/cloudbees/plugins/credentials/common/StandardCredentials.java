// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java (credentials 1419.v2337d1ceceef).
// The @Recommended/@NameWith annotations and the NameProvider are omitted.
package com.cloudbees.plugins.credentials.common;

import edu.umd.cs.findbugs.annotations.NonNull;

/** A credential with an id and a description. */
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();
}
