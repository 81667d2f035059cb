// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/interceptor/Stage.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler.interceptor;

/** When an interceptor runs: while choosing the web method, or just before invoking it. */
public enum Stage {
    SELECTION,
    PREINVOKE
}
