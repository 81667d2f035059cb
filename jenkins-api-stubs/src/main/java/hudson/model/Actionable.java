// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Actionable.java (Jenkins 2.479.3). Actions are not modelled here;
// the ModelObjectWithContextMenu interface is omitted.
package hudson.model;

/** A model object that can carry actions. */
public abstract class Actionable extends AbstractModelObject {
}
