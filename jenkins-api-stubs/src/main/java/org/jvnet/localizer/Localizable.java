// Compile-time stand-in, never shipped: signatures written by hand to match kohsuke/localizer
// lib/src/main/java/org/jvnet/localizer/Localizable.java (localizer 1.31, bundled in Jenkins 2.479.3).
// Only present because the real PermissionGroup and Permission constructors take one; its members, and its
// constructor (which takes a ResourceBundleHolder), are omitted. The private constructor keeps the stand-in from
// offering a public no-argument constructor that the real class does not have.
package org.jvnet.localizer;

import java.io.Serializable;

/** A message that is formatted in the viewer's locale. */
public class Localizable implements Serializable {
    private static final long serialVersionUID = 1L;

    private Localizable() {
    }
}
