package io.jenkins.plugins.dataos;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A secret the settings or checks file names (a Grafana token, an SMTP password), taken from a "Secret text"
 * credential: {@code secrets: [secret(name: 'grafana-token', credentialsId: 'dataos-grafana-token')]}.
 */
public final class SecretCredential extends AbstractDescribableImpl<SecretCredential> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String credentialsId;

    @DataBoundConstructor
    public SecretCredential(String name, String credentialsId) {
        this.name = StepFields.text(name);
        this.credentialsId = StepFields.text(credentialsId);
    }

    public String getName() {
        return name;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** Lets the Snippet Generator write {@code secret(name: …, credentialsId: …)}. */
    @Extension
    @Symbol("secret")
    public static class DescriptorImpl extends Descriptor<SecretCredential> {

        @Override
        public String getDisplayName() {
            return Messages.format("SecretCredential.DisplayName");
        }

        @POST
        public FormValidation doCheckName(@QueryParameter String value) {
            return StepFields.form(StepFields.problemWithSecretName("name", value));
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialsIdItems.fill(item, credentialsId);
        }

        @POST
        public FormValidation doCheckCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialsIdItems.check(item, "credentialsId", value, true);
        }
    }
}
