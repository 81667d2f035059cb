// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/QueryParameter.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Binds a web-method parameter to a request query parameter. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Documented
@InjectedParameter(QueryParameter.HandlerImpl.class)
public @interface QueryParameter {
    String value() default "";

    boolean required() default false;

    boolean fixEmpty() default false;

    /** Reads the query parameter from the request. */
    class HandlerImpl extends AnnotationHandler<QueryParameter> {
        @Override
        @SuppressWarnings("rawtypes")
        public Object parse(StaplerRequest2 request, QueryParameter a, Class type, String parameterName)
                throws ServletException {
            throw new UnsupportedOperationException("stand-in: QueryParameter.HandlerImpl#parse is not modelled");
        }
    }
}
