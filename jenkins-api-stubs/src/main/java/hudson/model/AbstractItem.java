// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractItem.java (Jenkins 2.479.3). Persistence, renaming and the
// other interfaces are omitted; getACL() is left to subclasses (the real one asks the running Jenkins).
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/** Partial default implementation of Item. */
public abstract class AbstractItem extends Actionable implements Item {

    private transient ItemGroup parent;
    protected volatile String name;

    protected AbstractItem(ItemGroup parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    @Override
    public ItemGroup getParent() {
        return parent;
    }

    @Override
    @NonNull
    public String getName() {
        return name;
    }

    @Override
    @NonNull
    public String getFullName() {
        return parent instanceof Item ? ((Item) parent).getFullName() + '/' + name : name;
    }

    @Override
    public String getDisplayName() {
        return name;
    }

    @Override
    public String getFullDisplayName() {
        return getFullName().replace("/", " » ");
    }

    @Override
    public String getUrl() {
        return "job/" + name + "/";
    }
}
