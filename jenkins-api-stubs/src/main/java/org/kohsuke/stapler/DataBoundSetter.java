// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/DataBoundSetter.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A setter (or field) that binds an optional property. */
@Retention(RUNTIME)
@Target({METHOD, FIELD})
@Documented
public @interface DataBoundSetter {
}
