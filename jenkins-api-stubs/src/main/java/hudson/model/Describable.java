// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Describable.java as of Jenkins 2.479.3, where getDescriptor() is still
// abstract (it became a default method in 2.505).
package hudson.model;

/** An object configured through a Descriptor. */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
