// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/hudson/model/PersistenceRoot.java (Jenkins 2.479.3).
package hudson.model;

import java.io.File;

/** An object that keeps its configuration in a directory of its own. */
public interface PersistenceRoot extends Saveable {
    File getRootDir();
}
