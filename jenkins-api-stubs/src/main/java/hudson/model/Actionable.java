// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/model/Actionable.java
// (Jenkins 2.479.3). The bodies the plugin and its tests reach are written from the real ones.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.ModelObjectWithContextMenu;

/** A model object that can carry actions. */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {

    private volatile CopyOnWriteArrayList<Action> actions;

    // Actionable#getActions: the persisted actions, created empty on first use.
    @Deprecated
    @NonNull
    public List<Action> getActions() {
        if (actions == null) {
            synchronized (this) {
                if (actions == null) {
                    actions = new CopyOnWriteArrayList<>();
                }
            }
        }
        return actions;
    }

    // Actionable#addAction
    public void addAction(@NonNull Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        getActions().add(a);
    }

    // Actionable#addOrReplaceAction: an equal action stays; others of the exact same class go; true if changed.
    public boolean addOrReplaceAction(@NonNull Action a) {
        if (a == null) {
            throw new IllegalArgumentException("Action must be non-null");
        }
        List<Action> old = new ArrayList<>(1);
        List<Action> current = getActions();
        boolean found = false;
        for (Action a2 : current) {
            if (!found && a.equals(a2)) {
                found = true;
            } else if (a2.getClass() == a.getClass()) {
                old.add(a2);
            }
        }
        current.removeAll(old);
        if (!found) {
            addAction(a);
        }
        return !found || !old.isEmpty();
    }
}
