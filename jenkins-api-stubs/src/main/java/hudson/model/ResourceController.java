// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/hudson/model/ResourceController.java (Jenkins 2.479.3), no members.
package hudson.model;

/** Grants builds the resources they need (Queue's superclass). */
public class ResourceController {
    ResourceController() {
        // package-private here: the real class is not something a plugin creates (Queue is its only subclass)
    }
}
