// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java (stapler bundled in Jenkins 2.479.3).
// Stapler's own members are omitted.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** The Jakarta servlet request as Stapler presents it. */
public interface StaplerRequest2 extends HttpServletRequest {
}
