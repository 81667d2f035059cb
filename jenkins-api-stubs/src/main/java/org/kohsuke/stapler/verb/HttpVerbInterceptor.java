// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/verb/HttpVerbInterceptor.java (stapler bundled in Jenkins 2.479.3).
package org.kohsuke.stapler.verb;

import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.Interceptor;

/** Lets a web method run only for the HTTP verb its annotation names. */
public class HttpVerbInterceptor extends Interceptor {

    @Override
    public Object invoke(StaplerRequest2 request, StaplerResponse2 response, Object instance, Object[] arguments)
            throws IllegalAccessException, InvocationTargetException, ServletException {
        throw new UnsupportedOperationException("stand-in: HttpVerbInterceptor#invoke is not modelled");
    }
}
