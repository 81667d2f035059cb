// Compile-time stand-in, never shipped: the signature of jenkinsci/jenkins
// core/src/main/java/hudson/model/ResourceActivity.java (Jenkins 2.479.3); its default methods are omitted.
package hudson.model;

/** Something that uses resources while it runs. */
public interface ResourceActivity {
}
