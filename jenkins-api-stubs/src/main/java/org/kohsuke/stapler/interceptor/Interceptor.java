// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/interceptor/Interceptor.java (stapler bundled in Jenkins 2.479.3). The
// target Function and the deprecated javax overload are omitted.
package org.kohsuke.stapler.interceptor;

import jakarta.servlet.ServletException;
import java.lang.reflect.InvocationTargetException;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** Wraps the invocation of a web method. */
public abstract class Interceptor {

    public Object invoke(StaplerRequest2 request, StaplerResponse2 response, Object instance, Object[] arguments)
            throws IllegalAccessException, InvocationTargetException, ServletException {
        throw new UnsupportedOperationException("stand-in: Interceptor#invoke is not modelled");
    }
}
