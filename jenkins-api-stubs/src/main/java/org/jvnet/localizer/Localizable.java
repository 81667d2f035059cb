// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/localizer
// core/src/main/java/org/jvnet/localizer/Localizable.java (localizer 1.31, bundled in Jenkins 2.479.3).
// Only present because the real PermissionGroup constructor takes one; members omitted.
package org.jvnet.localizer;

import java.io.Serializable;

/** A message that is formatted in the viewer's locale. */
public class Localizable implements Serializable {
    private static final long serialVersionUID = 1L;
}
