// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/StaplerProxy.java (stapler bundled in Jenkins 2.479.3). Declared
// because AbstractItem and Run implement it; getTarget() is omitted.
package org.kohsuke.stapler;

/** An object that delegates URL binding to another object. */
public interface StaplerProxy {
}
