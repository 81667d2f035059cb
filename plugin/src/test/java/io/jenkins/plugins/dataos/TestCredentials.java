package io.jenkins.plugins.dataos;

import com.cloudbees.plugins.credentials.CredentialsDescriptor;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Credentials for tests, stored where the stand-in CredentialsProvider finds them. */
final class TestCredentials {

    private TestCredentials() {
    }

    static void reset() {
        SystemCredentialsProvider.getInstance().getCredentials().clear();
    }

    static void secretText(String id, String value) {
        SystemCredentialsProvider.getInstance().getCredentials().add(new Text(id, value));
    }

    static void usernamePassword(String id) {
        SystemCredentialsProvider.getInstance().getCredentials().add(new Other(id));
    }

    /** A "Secret text" credential. */
    static final class Text implements StringCredentials {
        private static final long serialVersionUID = 1L;
        private final String id;
        private final Secret secret;

        Text(String id, String value) {
            this.id = id;
            this.secret = Secret.fromString(value);
        }

        @Override
        public Secret getSecret() {
            return secret;
        }

        @Override
        public String getDescription() {
            return "Prime API key";
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            return new CredentialsDescriptor(Text.class) {
                @Override
                public String getDisplayName() {
                    return "Secret text";
                }
            };
        }
    }

    /** A credential of another kind (think username with password). */
    static final class Other implements StandardCredentials {
        private static final long serialVersionUID = 1L;
        private final String id;

        Other(String id) {
            this.id = id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public CredentialsScope getScope() {
            return CredentialsScope.GLOBAL;
        }

        @Override
        public CredentialsDescriptor getDescriptor() {
            return new CredentialsDescriptor(Other.class) {
                @Override
                public String getDisplayName() {
                    return "Username with password";
                }
            };
        }
    }
}
