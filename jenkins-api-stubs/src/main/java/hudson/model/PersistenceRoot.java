// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/PersistenceRoot.java (Jenkins 2.479.3).
package hudson.model;

import java.io.File;

/** A model object that has its own directory on the controller. */
public interface PersistenceRoot extends Saveable {
    File getRootDir();
}
