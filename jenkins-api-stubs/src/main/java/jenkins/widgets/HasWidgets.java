// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/widgets/HasWidgets.java (Jenkins 2.479.3). Declared because Job implements it;
// getWidgets/getWidget and the @StaplerAccessibleType annotation are omitted.
package jenkins.widgets;

/** A model object that shows widgets in its side panel. */
public interface HasWidgets {
}
