// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/hudson/model/ReconfigurableDescribable.java (Jenkins 2.479.3); its reconfigure methods
// (form binding) are omitted.
package hudson.model;

/** A describable that is reconfigured in place from a form. */
public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {
}
