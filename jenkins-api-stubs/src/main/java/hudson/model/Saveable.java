// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Saveable.java (Jenkins 2.479.3). The NOOP constant is omitted.
package hudson.model;

import java.io.IOException;

/** An object that persists its state. */
public interface Saveable {
    void save() throws IOException;
}
