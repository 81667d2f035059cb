// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/verb/POST.java (stapler bundled in Jenkins 2.479.3). The
// runtime-only @InterceptorAnnotation meta-annotation is omitted.
package org.kohsuke.stapler.verb;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Restricts a web method to HTTP POST (which Jenkins also protects with its CSRF crumb). */
@Target(METHOD)
@Retention(RUNTIME)
@Documented
public @interface POST {
}
