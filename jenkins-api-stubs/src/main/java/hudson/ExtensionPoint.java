// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/ExtensionPoint.java (Jenkins 2.479.3). The nested deprecated annotation is omitted.
package hudson;

/** Marker for types that plugins can implement and register with Extension. */
public interface ExtensionPoint {
}
