// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/YesNoMaybe.java (Jenkins 2.479.3). Helper methods omitted.
package jenkins;

/** A three-valued answer, used by Extension#dynamicLoadable. */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
