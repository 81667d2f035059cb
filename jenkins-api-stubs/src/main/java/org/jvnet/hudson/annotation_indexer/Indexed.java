// Compile-time stand-in, never shipped: the signature of jenkinsci/lib-annotation-indexer
// src/main/java/org/jvnet/hudson/annotation_indexer/Indexed.java. Jenkins reads the index the real processor
// writes (META-INF/annotations/<annotation>); the plugin ships that file itself, checked by a test.
package org.jvnet.hudson.annotation_indexer;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Marks an annotation whose uses are listed in an index file. */
@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
