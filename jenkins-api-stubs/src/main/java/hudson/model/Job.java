// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Job.java (Jenkins 2.479.3). Only the build-number counter is
// modelled; builds, properties and the other interfaces are omitted.
package hudson.model;

import hudson.ExtensionPoint;
import java.io.IOException;

/** A configured job that produces runs. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {

    protected transient volatile int nextBuildNumber = 1;

    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public synchronized int assignBuildNumber() throws IOException {
        return nextBuildNumber++;
    }

    public int getNextBuildNumber() {
        return nextBuildNumber;
    }
}
