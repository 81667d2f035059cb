// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/StaplerOverridable.java (stapler bundled in Jenkins 2.479.3).
// Declared because Job implements it; getOverrides() is omitted.
package org.kohsuke.stapler;

/** An object whose URL binding can be overridden by other objects. */
public interface StaplerOverridable {
}
