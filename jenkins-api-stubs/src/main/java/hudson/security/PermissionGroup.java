// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/PermissionGroup.java (Jenkins 2.479.3). Lookup by owner, getAll and the
// scope queries are omitted. The stand-in constants use the (id, owner, title) constructor with the English
// title as id and no Localizable (the stand-in Localizable cannot render messages).
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jvnet.localizer.Localizable;

/** A named group of permissions owned by one class. */
public final class PermissionGroup implements Iterable<Permission>, Comparable<PermissionGroup> {
    private final SortedSet<Permission> permissions = new TreeSet<>(Permission.ID_COMPARATOR);

    public final @NonNull Class owner;
    public final Localizable title;
    private final String id;

    // refuses: upstream derives the id from title.toString(Locale.ENGLISH), which the stand-in Localizable cannot do
    public PermissionGroup(@NonNull Class owner, Localizable title) throws IllegalStateException {
        this(englishTitle(title), owner, title);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup(String, Class, Localizable)
    public PermissionGroup(String id, @NonNull Class owner, Localizable title) throws IllegalStateException {
        this.owner = owner;
        this.title = title;
        this.id = id;
        register(this);
    }

    public String getId() {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#getId is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup#getOwnerClassName
    public String getOwnerClassName() {
        return owner.getName();
    }

    @Override
    public Iterator<Permission> iterator() {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#iterator is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup#add
    /*package*/ synchronized void add(Permission p) {
        if (!permissions.add(p)) {
            throw new IllegalStateException("attempt to register a second Permission for " + p.getId());
        }
    }

    public synchronized List<Permission> getPermissions() {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#getPermissions is not modelled");
    }

    public synchronized Permission find(String name) {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#find is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup#compareTo (used by
    // the registry, a sorted set, as upstream). Upstream sorts Hudson's own group first; the stand-in has no
    // hudson.model.Hudson class, so the check is by name.
    @Override
    public int compareTo(PermissionGroup that) {
        int r = this.compareOrder() - that.compareOrder();
        if (r != 0) {
            return r;
        }
        return getOwnerClassName().compareTo(that.getOwnerClassName());
    }

    private int compareOrder() {
        return owner.getName().equals("hudson.model.Hudson") ? 0 : 1;
    }

    @Override
    public boolean equals(Object o) {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#equals is not modelled");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#hashCode is not modelled");
    }

    public synchronized int size() {
        throw new UnsupportedOperationException("stand-in: PermissionGroup#size is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup#toString
    @Override
    public String toString() {
        return "PermissionGroup[" + getOwnerClassName() + "]";
    }

    private static final SortedSet<PermissionGroup> PERMISSIONS = new TreeSet<>();

    // jenkinsci/jenkins core/src/main/java/hudson/security/PermissionGroup.java, PermissionGroup#register
    private static synchronized void register(PermissionGroup g) {
        if (!PERMISSIONS.add(g)) {
            throw new IllegalStateException("attempt to register a second PermissionGroup for " + g.getOwnerClassName());
        }
    }

    private static String englishTitle(Localizable title) {
        throw new UnsupportedOperationException(
                "stand-in: PermissionGroup(Class, Localizable) needs Localizable#toString(Locale), which is not modelled");
    }
}
