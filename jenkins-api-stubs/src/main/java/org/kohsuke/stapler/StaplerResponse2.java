// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/StaplerResponse2.java (stapler bundled in Jenkins 2.479.3).
// Stapler's own members are omitted.
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** The Jakarta servlet response as Stapler presents it. */
public interface StaplerResponse2 extends HttpServletResponse {
}
