// Compile-time stand-in, never shipped: the signature of jenkinsci/lib-symbol-annotation
// src/main/java/org/jenkinsci/Symbol.java (symbol-annotation 1.24, which Jenkins 2.479.3's bom pins).
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

/** The short name Pipeline scripts use for a describable, e.g. {@code approval(gate: …)}. */
@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
