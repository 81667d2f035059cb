// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/AbstractDescribableImpl.java as of Jenkins 2.479.3 (not yet deprecated).
// The real body asks the running Jenkins for the descriptor; the stand-in refuses.
package hudson.model;

/** Partial default implementation of Describable. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {

    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("stand-in: AbstractDescribableImpl#getDescriptor is not modelled (needs the running Jenkins)");
    }
}
