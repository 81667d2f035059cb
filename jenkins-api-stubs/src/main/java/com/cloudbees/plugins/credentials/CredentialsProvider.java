// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/credentials-plugin
// src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java (credentials 1419.v2337d1ceceef).
// Only the static members the plugin uses (and those they call). The providers are modelled as a running Jenkins
// with just the system credentials provider (SystemCredentialsProvider.ProviderImpl: the global domain of
// SystemCredentialsProvider, visible to ACL.SYSTEM2 only, SYSTEM scope hidden from items), no
// QueueItemAuthenticator (builds run as ACL.SYSTEM2) and no credentials build parameters.
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.util.ListBoxModel;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkins.ui.icon.IconSpec;
import org.springframework.security.core.Authentication;

/** Finds credentials for a build or a job, and records their use. */
public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {

    // The permissions repeat the real ids, implications and enablement; descriptions and scopes are omitted.
    public static final PermissionGroup GROUP = new PermissionGroup("Credentials", CredentialsProvider.class, null);
    public static final Permission USE_OWN = new Permission(GROUP, "UseOwn", null,
            Boolean.getBoolean("com.cloudbees.plugins.credentials.UseOwnPermission") ? Permission.HUDSON_ADMINISTER
                    : Item.BUILD,
            Boolean.getBoolean("com.cloudbees.plugins.credentials.UseOwnPermission"));
    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", null, Item.CONFIGURE,
            Boolean.getBoolean("com.cloudbees.plugins.credentials.UseItemPermission"));
    public static final Permission CREATE = new Permission(GROUP, "Create", null, Permission.CREATE, true);
    public static final Permission UPDATE = new Permission(GROUP, "Update", null, Permission.UPDATE, true);
    public static final Permission VIEW = new Permission(GROUP, "View", null, Permission.READ, true);
    public static final Permission DELETE = new Permission(GROUP, "Delete", null, Permission.DELETE, true);
    public static final Permission MANAGE_DOMAINS = new Permission(GROUP, "ManageDomains", null, Permission.CONFIGURE,
            true);

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider() (the provider is its own descriptor)
    @SuppressWarnings("unchecked")
    public CredentialsProvider() {
        super(Descriptor.self());
    }

    @Override
    public Descriptor<CredentialsProvider> getDescriptor() {
        throw new UnsupportedOperationException("stand-in: CredentialsProvider#getDescriptor is not modelled");
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider#lookupCredentialsInItem(Class, Item, Authentication, List): a null item means Jenkins itself
    // and a folder (ItemGroup) is looked up as a group, which for this provider is the same as an item; credential ids
    // are de-duplicated, first one wins.
    @NonNull
    public static <C extends Credentials> List<C> lookupCredentialsInItem(@NonNull Class<C> type, @Nullable Item item,
            @Nullable Authentication authentication, @Nullable List<DomainRequirement> domainRequirements) {
        Objects.requireNonNull(type);
        List<C> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (C c : inSystemProvider(type, authentication, item == null)) {
            if (!(c instanceof IdCredentials) || ids.add(((IdCredentials) c).getId())) {
                result.add(c);
            }
        }
        return result;
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider#listCredentialsInItem and the default CredentialsProvider#getCredentialIdsInItem: options
    // named by CredentialsNameProvider, de-duplicated by id and sorted by name (case-insensitive, default locale).
    @NonNull
    public static <C extends IdCredentials> ListBoxModel listCredentialsInItem(@NonNull Class<C> type,
            @Nullable Item item, @Nullable Authentication authentication,
            @Nullable List<DomainRequirement> domainRequirements, @Nullable CredentialsMatcher matcher) {
        Objects.requireNonNull(type);
        CredentialsMatcher m = matcher == null ? c -> true : matcher;
        List<C> found = inSystemProvider(type, authentication, item == null);
        Locale locale = Locale.getDefault();
        Collator collator = Collator.getInstance(locale);
        List<ListBoxModel.Option> options = found.stream()
                .filter(m::matches)
                .sorted((c1, c2) -> collator.compare(CredentialsNameProvider.name(c1).toLowerCase(locale),
                        CredentialsNameProvider.name(c2).toLowerCase(locale)))
                .map(c -> new ListBoxModel.Option(CredentialsNameProvider.name(c), c.getId()))
                .collect(Collectors.toList());
        ListBoxModel result = new ListBoxModel();
        Set<String> ids = new HashSet<>();
        for (ListBoxModel.Option option : options) {
            if (ids.add(option.value)) {
                result.add(option);
            }
        }
        result.sort((o1, o2) -> collator.compare(o1.name.toLowerCase(locale), o2.name.toLowerCase(locale)));
        return result;
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider#findCredentialById(String, Class, Run, List) with no credentials parameter bound to the
    // build (so the id, trimmed, is a plain id, and "${NAME}" names a parameter that does not exist) and the job's
    // default authentication being ACL.SYSTEM2: the first credential of the job's context with that id, passed
    // through Credentials#forRun. Not tracked here, as upstream.
    @CheckForNull
    public static <C extends IdCredentials> C findCredentialById(@NonNull String id, @NonNull Class<C> type,
            @NonNull Run<?, ?> run) {
        Objects.requireNonNull(id);
        Objects.requireNonNull(type);
        Objects.requireNonNull(run);
        id = id.trim();
        List<C> candidates = new ArrayList<>(lookupCredentialsInItem(type, run.getParent(), ACL.SYSTEM2,
                Collections.emptyList()));
        C found = null;
        for (C c : candidates) {
            if (c instanceof IdCredentials && id.equals(((IdCredentials) c).getId())) {
                found = c;
                break;
            }
        }
        return contextualize(type, found, run);
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider#contextualize
    @CheckForNull
    private static <C extends Credentials> C contextualize(@NonNull Class<C> type, @CheckForNull C credentials,
            @NonNull Run<?, ?> run) {
        if (credentials != null) {
            Credentials contextualized = credentials.forRun(run);
            if (type.isInstance(contextualized)) {
                return type.cast(contextualized);
            }
        }
        return credentials;
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java,
    // CredentialsProvider#track(Run, Credentials): a null credential is not tracked; otherwise trackAll records the
    // use on the credential's fingerprint and tells the CredentialsUseListeners. Neither fingerprints nor listeners
    // exist in the stand-in, so nothing is recorded; the credential is returned for chaining, as upstream.
    @CheckForNull
    public static <C extends Credentials> C track(@NonNull Run build, @CheckForNull C credentials) {
        return credentials;
    }

    // jenkinsci/credentials-plugin src/main/java/com/cloudbees/plugins/credentials/SystemCredentialsProvider.java,
    // ProviderImpl#getCredentialsInItem / #getCredentialsInItemGroup with DomainCredentials#getCredentials over the
    // global domain: nothing unless the authentication is ACL.SYSTEM2 (a null one is taken as ACL.SYSTEM2, as the
    // lookups do); SYSTEM-scoped credentials only for Jenkins itself.
    private static <C extends Credentials> List<C> inSystemProvider(Class<C> type, Authentication authentication,
            boolean jenkinsItself) {
        List<C> result = new ArrayList<>();
        if (!ACL.SYSTEM2.equals(authentication == null ? ACL.SYSTEM2 : authentication)) {
            return result;
        }
        for (Credentials credential : SystemCredentialsProvider.getInstance().getCredentials()) {
            if (!type.isInstance(credential)) {
                continue;
            }
            if (jenkinsItself || credential.getScope() != CredentialsScope.SYSTEM) {
                result.add(type.cast(credential));
            }
        }
        return result;
    }
}
