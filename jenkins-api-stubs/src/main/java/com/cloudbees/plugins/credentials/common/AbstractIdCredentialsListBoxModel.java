// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java
// (credentials 1419.v2337d1ceceef). The fluent methods return AbstractIdCredentialsListBoxModel<T, C>, as
// upstream. Working local behaviour: includeAs lists matching credentials of the stand-in
// SystemCredentialsProvider. Matchers, domain requirements and ItemGroup twins are omitted.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import org.springframework.security.core.Authentication;

/** A drop-down of credentials by id. */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    @NonNull
    protected abstract String describe(@NonNull C c);

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> with(@CheckForNull C u) {
        if (u != null) {
            add(describe(u), u.getId());
        }
        return this;
    }

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        if (isEmpty() || !get(0).value.isEmpty()) {
            add(0, new Option("- none -", ""));
        }
        return this;
    }

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type) {
        for (Credentials c : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (type.isInstance(c)) {
                with(type.cast(c));
            }
        }
        return this;
    }

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        for (Option o : this) {
            if (o.value.equals(value)) {
                return this;
            }
        }
        add(new Option(value, value));
        return this;
    }
}
