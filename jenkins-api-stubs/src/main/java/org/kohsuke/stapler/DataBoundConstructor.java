// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/DataBoundConstructor.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler;

import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** The constructor that binds a describable's mandatory properties by parameter name. */
@Retention(RUNTIME)
@Target(CONSTRUCTOR)
@Documented
public @interface DataBoundConstructor {
}
