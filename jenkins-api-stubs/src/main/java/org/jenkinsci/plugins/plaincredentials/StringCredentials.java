// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/plain-credentials-plugin
// src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java (plain-credentials 183.va_de8f1dd5a_2b_).
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.util.Secret;
import java.util.UUID;

/** A "Secret text" credential: a single secret such as a token or API key. */
@NameWith(StringCredentials.NameProvider.class)
public interface StringCredentials extends StandardCredentials {
    @NonNull
    Secret getSecret();

    /** Names a secret text by its description, else its id (unless that is a UUID: then "Secret text"). */
    class NameProvider extends CredentialsNameProvider<StringCredentials> {

        // jenkinsci/plain-credentials-plugin src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java,
        // StringCredentials.NameProvider#getName (Util.fixEmptyAndTrim on the description; the message
        // StringCredentials.string_credentials is "Secret text")
        @Override
        public String getName(StringCredentials c) {
            String description = c.getDescription() == null || c.getDescription().trim().isEmpty()
                    ? null : c.getDescription().trim();
            String id = c.getId();
            return description != null ? description : (!isUUID(id) ? id : "Secret text");
        }

        private static boolean isUUID(String id) {
            try {
                UUID.fromString(id);
                return true;
            } catch (IllegalArgumentException ex) {
                return false;
            }
        }
    }
}
