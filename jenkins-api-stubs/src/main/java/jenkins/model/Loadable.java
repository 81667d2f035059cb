// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/model/Loadable.java (Jenkins 2.479.3).
package jenkins.model;

import java.io.IOException;

/** An object whose state can be (re)loaded from disk. */
public interface Loadable {
    void load() throws IOException;
}
