// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java (credentials 1419.v2337d1ceceef).
// Working local behaviour: one in-memory global-domain list, which the stand-in CredentialsProvider searches.
// Domains, persistence and the StaplerProxy/Saveable plumbing are omitted.
package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Saveable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The credentials stored on the Jenkins controller itself. */
public class SystemCredentialsProvider extends AbstractDescribableImpl<SystemCredentialsProvider> implements Saveable {

    private static final SystemCredentialsProvider INSTANCE = new SystemCredentialsProvider();

    private final List<Credentials> credentials = new CopyOnWriteArrayList<>();

    public SystemCredentialsProvider() {
    }

    public static SystemCredentialsProvider getInstance() {
        return INSTANCE;
    }

    @NonNull
    public List<Credentials> getCredentials() {
        return credentials;
    }

    @Override
    public void save() {
    }
}
