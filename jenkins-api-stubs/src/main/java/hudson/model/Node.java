// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/model/Node.java
// (Jenkins 2.479.3). Only the two abstract members the plugin calls are declared; a concrete node (the built-in
// node, an agent) implements them in real Jenkins, a test node in the plugin's tests.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ExtensionPoint;
import hudson.FilePath;
import hudson.security.AccessControlled;
import jenkins.util.io.OnMaster;

/** A machine builds run on: the built-in node or an agent. */
public abstract class Node extends AbstractModelObject implements ReconfigurableDescribable<Node>, ExtensionPoint,
        AccessControlled, OnMaster, PersistenceRoot {

    public abstract String getNodeName();

    public abstract @CheckForNull FilePath getRootPath();
}
