// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/ModelObject.java (Jenkins 2.479.3).
package hudson.model;

/** An object shown in the Jenkins UI with a display name. */
public interface ModelObject {
    String getDisplayName();
}
