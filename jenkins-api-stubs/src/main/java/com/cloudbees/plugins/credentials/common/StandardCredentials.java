// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java (credentials 1419.v2337d1ceceef).
// The @Recommended annotation is omitted.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsNameProvider;
import com.cloudbees.plugins.credentials.NameWith;
import edu.umd.cs.findbugs.annotations.NonNull;

/** A credential with an id and a description. */
@NameWith(value = StandardCredentials.NameProvider.class, priority = -16)
public interface StandardCredentials extends IdCredentials {
    @NonNull
    String getDescription();

    /** Names a credential "id (description)", or just "id" without a description. */
    class NameProvider extends CredentialsNameProvider<StandardCredentials> {

        // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/common/StandardCredentials.java,
        // StandardCredentials.NameProvider#getName (Util.fixEmptyAndTrim on the description)
        @NonNull
        @Override
        public String getName(@NonNull StandardCredentials c) {
            String description = c.getDescription() == null || c.getDescription().trim().isEmpty()
                    ? null : c.getDescription().trim();
            return c.getId() + (description != null ? " (" + description + ")" : "");
        }
    }
}
