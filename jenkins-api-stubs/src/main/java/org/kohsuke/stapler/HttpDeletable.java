// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/HttpDeletable.java (stapler bundled in Jenkins 2.479.3). Declared
// because AbstractItem implements it; the delete(...) defaults and the dispatcher are omitted.
package org.kohsuke.stapler;

/** An object that handles HTTP DELETE. */
public interface HttpDeletable {
}
