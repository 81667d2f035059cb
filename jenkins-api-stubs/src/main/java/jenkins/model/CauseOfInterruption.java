// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/jenkins/model/CauseOfInterruption.java (Jenkins 2.479.3). The plugin names the type only.
package jenkins.model;

import java.io.Serializable;

/** Why a build was interrupted (who aborted it, a timeout). */
public abstract class CauseOfInterruption implements Serializable {
    private static final long serialVersionUID = 1L;
}
