// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java (credentials 1419.v2337d1ceceef).
// One in-memory list of the global domain, which the stand-in CredentialsProvider searches as the real
// SystemCredentialsProvider.ProviderImpl does. Other domains, persistence and the StaplerProxy plumbing are omitted.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The credentials stored on the Jenkins controller itself. */
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> implements Saveable {

    private static final SystemCredentialsProvider INSTANCE = new SystemCredentialsProvider();

    private final List<Credentials> credentials = new CopyOnWriteArrayList<>();

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java,
    // SystemCredentialsProvider(): starts with an empty global domain (nothing is loaded from disk here)
    public SystemCredentialsProvider() {
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java,
    // SystemCredentialsProvider#getInstance (the one registered extension)
    public static SystemCredentialsProvider getInstance() {
        return INSTANCE;
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java,
    // SystemCredentialsProvider#getCredentials: the live (copy-on-write) list of the global domain
    @NonNull
    public List<Credentials> getCredentials() {
        return credentials;
    }

    @Override
    public void save() throws IOException {
        throw new UnsupportedOperationException("stand-in: SystemCredentialsProvider#save is not modelled");
    }
}
