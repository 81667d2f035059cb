// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/stapler
// core/src/main/java/org/kohsuke/stapler/export/CustomExportedBean.java (stapler bundled in Jenkins 2.479.3).
// Declared because Result implements it; toExportedObject() is omitted.
package org.kohsuke.stapler.export;

/** An object that chooses its own representation in the remote API. */
public interface CustomExportedBean {
}
