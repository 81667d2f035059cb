// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/jenkins/model/HistoricalBuild.java (Jenkins 2.479.3). Declared because Run implements it;
// its members are omitted (Run declares the ones the plugin uses).
package jenkins.model;

import hudson.model.ModelObject;

/** A build as shown in the build history widget. */
public interface HistoricalBuild extends ModelObject {
}
