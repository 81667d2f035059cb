// Compile-time stand-in, never shipped: the signature of jenkinsci/lib-annotation-indexer
// src/main/java/org/jvnet/hudson/annotation_indexer/Validator.java.
package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

/** Checks a use of an indexed annotation at compile time. */
public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
