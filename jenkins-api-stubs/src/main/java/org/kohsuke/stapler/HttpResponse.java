// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/HttpResponse.java (stapler bundled in Jenkins 2.479.3). The
// deprecated javax StaplerRequest overload is omitted.
package org.kohsuke.stapler;

import jakarta.servlet.ServletException;
import java.io.IOException;

/** An object that can produce an HTTP response, returned from a web method. */
public interface HttpResponse {
    default void generateResponse(StaplerRequest2 req, StaplerResponse2 rsp, Object node)
            throws IOException, ServletException {
        throw new UnsupportedOperationException("stand-in: HttpResponse#generateResponse is not modelled");
    }
}
