// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractDescribableImpl.java as of Jenkins 2.479.3 (not yet deprecated).
// The real body asks the running Jenkins for the descriptor; without one this stand-in fails the same way
// Jenkins.get() does outside a controller.
package hudson.model;

/** Partial default implementation of Describable. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    @Override
    public Descriptor<T> getDescriptor() {
        throw new IllegalStateException("Jenkins.instance is missing: descriptors are looked up in a running controller");
    }
}
