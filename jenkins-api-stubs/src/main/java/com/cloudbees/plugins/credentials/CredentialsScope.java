// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java (credentials 1419.v2337d1ceceef).
// Each constant has its own body, as upstream (so the enum class is not final); display names and visibility
// are not modelled.
package com.cloudbees.plugins.credentials;

import hudson.model.ModelObject;
import java.io.Serializable;

/** Where a credential may be used. */
public enum CredentialsScope implements Serializable {
    SYSTEM {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#getDisplayName is not modelled");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#isVisible is not modelled");
        }
    },
    GLOBAL {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#getDisplayName is not modelled");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#isVisible is not modelled");
        }
    },
    USER {
        @Override
        public String getDisplayName() {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#getDisplayName is not modelled");
        }

        @Override
        public boolean isVisible(ModelObject context) {
            throw new UnsupportedOperationException("stand-in: CredentialsScope#isVisible is not modelled");
        }
    };

    public abstract String getDisplayName();

    public abstract boolean isVisible(ModelObject context);
}
