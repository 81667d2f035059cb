// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/model/ModelObjectWithContextMenu.java (Jenkins 2.479.3). Declared because
// Actionable implements it; doContextMenu and the ContextMenu/MenuItem classes are omitted.
package jenkins.model;

import hudson.model.ModelObject;

/** A model object with a context menu in the UI. */
public interface ModelObjectWithContextMenu extends ModelObject {
}
