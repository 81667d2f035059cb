// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractItem.java (Jenkins 2.479.3). Persistence, renaming and the web
// methods are omitted; getACL() is left to subclasses (the real one asks the running Jenkins's authorization
// strategy). As upstream, an item needs a parent ItemGroup: getParent() refuses a null one.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;

/** Partial default implementation of Item. */
public abstract class AbstractItem extends Actionable
        implements Loadable, Item, HttpDeletable, AccessControlled, DescriptorByNameOwner, StaplerProxy {

    private transient ItemGroup parent;
    protected /*final*/ transient String name;

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem(ItemGroup, String)
    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        doSetName(name);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getName
    @Override
    public String getName() {
        return name;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getDisplayName (no display
    // name can be set on the stand-in, so it is always the name)
    @Override
    public String getDisplayName() {
        return getName();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getRootDir
    @Override
    public File getRootDir() {
        return getParent().getRootDirFor(this);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getParent
    @Override
    public @NonNull ItemGroup getParent() {
        if (parent == null) {
            throw new IllegalStateException("no parent set on " + getClass().getName() + "[" + name + "]");
        }
        return parent;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#doSetName
    protected void doSetName(String name) {
        this.name = name;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getFullName
    @Override
    public final String getFullName() {
        String n = getParent().getFullName();
        if (n.isEmpty()) {
            return getName();
        } else {
            return n + '/' + getName();
        }
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/AbstractItem.java, AbstractItem#getFullDisplayName
    @Override
    public final String getFullDisplayName() {
        String n = getParent().getFullDisplayName();
        if (n.isEmpty()) {
            return getDisplayName();
        } else {
            return n + " » " + getDisplayName();
        }
    }

    @Override
    public final String getUrl() {
        throw new UnsupportedOperationException("stand-in: AbstractItem#getUrl is not modelled");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stand-in: AbstractItem#save is not modelled");
    }

    @Override
    public void load() throws IOException {
        throw new UnsupportedOperationException("stand-in: AbstractItem#load is not modelled");
    }
}
