// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/AnnotationHandler.java (stapler bundled in Jenkins 2.479.3). The
// deprecated javax overload and the conversion helper are omitted.
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Annotation;

/** Computes the value of a web-method parameter from its annotation and the request. */
public abstract class AnnotationHandler<T extends Annotation> {

    @SuppressWarnings("rawtypes")
    public Object parse(StaplerRequest2 request, T a, Class type, String parameterName) throws ServletException {
        throw new UnsupportedOperationException("stand-in: AnnotationHandler#parse is not modelled");
    }
}
