// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Actionable.java (Jenkins 2.479.3). Actions are not modelled here.
package hudson.model;

import jenkins.model.ModelObjectWithContextMenu;

/** A model object that can carry actions. */
public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
}
