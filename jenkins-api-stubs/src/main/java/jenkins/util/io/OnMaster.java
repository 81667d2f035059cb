// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/util/io/OnMaster.java (Jenkins 2.479.3).
package jenkins.util.io;

/** Marks objects that only exist on the controller, never on agents. */
public interface OnMaster {
}
