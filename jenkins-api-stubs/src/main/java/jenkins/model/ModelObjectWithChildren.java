// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/model/ModelObjectWithChildren.java (Jenkins 2.479.3). Declared because Job
// implements it; doChildrenContextMenu is omitted.
package jenkins.model;

import hudson.model.ModelObject;

/** A model object whose children are shown in a breadcrumb menu. */
public interface ModelObjectWithChildren extends ModelObject {
}
