// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/DescriptorByNameOwner.java (Jenkins 2.479.3).
package hudson.model;

/** A URL-bound object that exposes descriptors by id (for form validation URLs). */
public interface DescriptorByNameOwner extends ModelObject {

    @SuppressWarnings("rawtypes")
    default Descriptor getDescriptorByName(String id) {
        throw new UnsupportedOperationException("stand-in: DescriptorByNameOwner#getDescriptorByName is not modelled");
    }
}
