// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java
// (credentials 1419.v2337d1ceceef). The fluent methods return AbstractIdCredentialsListBoxModel<T, C>, as
// upstream. The ItemGroup twins, the Acegi overloads and the matcher variants without authentication are omitted.
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;

/** A drop-down of credentials by id. */
public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>,
        C extends IdCredentials> extends ListBoxModel {
    private static final long serialVersionUID = 1L;

    @NonNull
    protected abstract String describe(@NonNull C c);

    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> with(@CheckForNull C u) {
        throw new UnsupportedOperationException("stand-in: AbstractIdCredentialsListBoxModel#with is not modelled");
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#includeEmptyValue (the message EmptySelection is "- none -")
    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        for (Option a : this) {
            if ("".equals(a.value)) {
                return this;
            }
        }
        add(0, new Option("- none -", ""));
        return this;
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#includeAs(Authentication, Item, Class)
    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type) {
        return includeAs(authentication, context, type, Collections.emptyList());
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#includeAs(Authentication, Item, Class, List)
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements) {
        return includeMatchingAs(authentication, context, type, domainRequirements, c -> true);
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#includeMatchingAs(Authentication, Item, Class, List, CredentialsMatcher)
    public AbstractIdCredentialsListBoxModel<T, C> includeMatchingAs(@NonNull Authentication authentication,
            @Nullable Item context, @NonNull Class<? extends C> type,
            @NonNull List<DomainRequirement> domainRequirements, @NonNull CredentialsMatcher matcher) {
        addMissing(CredentialsProvider.listCredentialsInItem(type, context, authentication, domainRequirements,
                matcher));
        return this;
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#includeCurrentValue: an empty value is the empty selection; a value not
    // listed goes first (after the empty selection) as "- current -" (the message CurrentSelection)
    @NonNull
    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(@NonNull String value) {
        if (value == null || value.isEmpty()) {
            return includeEmptyValue();
        }
        for (Option a : this) {
            if (value.equals(a.value)) {
                return this;
            }
        }
        int index = isEmpty() ? 0 : "".equals(get(0).value) ? 1 : 0;
        add(index, new Option("- current -", value));
        return this;
    }

    // jenkinsci/credentials-plugin .../common/AbstractIdCredentialsListBoxModel.java,
    // AbstractIdCredentialsListBoxModel#addMissing
    public boolean addMissing(@NonNull Collection<? extends Option> c) {
        Set<String> existing = new HashSet<>();
        for (Option o : this) {
            existing.add(o.value);
        }
        boolean changed = false;
        for (Option o : c) {
            if (!existing.contains(o.value)) {
                add(o);
                changed = existing.add(o.value) || changed;
            }
        }
        return changed;
    }
}
