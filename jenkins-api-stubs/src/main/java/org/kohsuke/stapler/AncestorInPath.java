// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/AncestorInPath.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a web-method parameter to the nearest model object of its type in the URL (e.g. the job). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(AncestorInPath.HandlerImpl.class)
public @interface AncestorInPath {

    /** Finds the ancestor object in the request. */
    class HandlerImpl extends AnnotationHandler<AncestorInPath> {
        @Override
        @SuppressWarnings("rawtypes")
        public Object parse(StaplerRequest2 request, AncestorInPath a, Class type, String parameterName)
                throws ServletException {
            throw new UnsupportedOperationException("stand-in: AncestorInPath.HandlerImpl#parse is not modelled");
        }
    }
}
