// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/plain-credentials-plugin
// src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java (plain-credentials 183.va_de8f1dd5a_2b_).
// The @NameWith annotation and its NameProvider are omitted.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;

/** A "Secret text" credential: a single secret such as a token or API key. */
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();
}
