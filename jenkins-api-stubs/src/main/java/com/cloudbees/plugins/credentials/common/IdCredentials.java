// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/common/IdCredentials.java (credentials 1419.v2337d1ceceef).
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import edu.umd.cs.findbugs.annotations.NonNull;

/** A credential with an id that jobs refer to it by. */
public interface IdCredentials extends Credentials {
    @NonNull
    String getId();
}
