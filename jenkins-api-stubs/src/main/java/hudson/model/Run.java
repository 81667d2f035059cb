// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Run.java (Jenkins 2.479.3). Only the members the plugin and its tests
// use; actions, logs, artifacts and the other interfaces are omitted.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.IOException;

/** One build of a job. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled {

    protected final transient @NonNull JobT project;
    public transient int number;
    private volatile Result result;

    protected Run(@NonNull JobT job) throws IOException {
        this.project = job;
        this.number = job.assignBuildNumber();
    }

    public @NonNull JobT getParent() {
        return project;
    }

    public int getNumber() {
        return number;
    }

    public @NonNull String getId() {
        return Integer.toString(number);
    }

    public @NonNull String getExternalizableId() {
        return project.getFullName() + "#" + getNumber();
    }

    @Override
    public String getDisplayName() {
        return "#" + number;
    }

    public String getFullDisplayName() {
        return project.getFullDisplayName() + ' ' + getDisplayName();
    }

    public @CheckForNull Result getResult() {
        return result;
    }

    public void setResult(@NonNull Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    public @NonNull String getUrl() {
        return project.getUrl() + getNumber() + '/';
    }

    @Override
    public @NonNull ACL getACL() {
        return getParent().getACL();
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        return Integer.compare(this.number, that.number);
    }
}
