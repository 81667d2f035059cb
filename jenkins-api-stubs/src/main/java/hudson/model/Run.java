// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Run.java (Jenkins 2.479.3). Only the members the plugin and its tests use;
// actions, logs, artifacts, the build state machine and the web methods are omitted.
package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.ExtensionPoint;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;

/** One build of a job. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner,
        OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl {

    protected final transient @NonNull JobT project;
    public transient int number;
    protected volatile Result result;
    protected /*final*/ long timestamp;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java, Run(Job): the number comes from (and is saved
    // by) Job#assignBuildNumber
    protected Run(@NonNull JobT job) throws IOException {
        this(job, System.currentTimeMillis());
        this.number = project.assignBuildNumber();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java, Run(Job, long) (the state is not modelled)
    protected Run(@NonNull JobT job, long timestamp) {
        this.project = job;
        this.timestamp = timestamp;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java, Run#getParent
    public @NonNull JobT getParent() {
        return project;
    }

    // Run#getNumber
    public int getNumber() {
        return number;
    }

    public @NonNull String getId() {
        throw new UnsupportedOperationException("stand-in: Run#getId is not modelled");
    }

    // Run#getExternalizableId: the job's full name, '#', the build number.
    public @NonNull String getExternalizableId() {
        return project.getFullName() + "#" + getNumber();
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java, Run#getDisplayName (no display name can be set on
    // the stand-in)
    @Override
    public String getDisplayName() {
        return "#" + number;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Run.java, Run#getFullDisplayName
    public String getFullDisplayName() {
        return project.getFullDisplayName() + ' ' + getDisplayName();
    }

    public @CheckForNull Result getResult() {
        throw new UnsupportedOperationException("stand-in: Run#getResult is not modelled");
    }

    public void setResult(@NonNull Result r) {
        throw new UnsupportedOperationException("stand-in: Run#setResult is not modelled (needs the build state)");
    }

    public @NonNull String getUrl() {
        throw new UnsupportedOperationException("stand-in: Run#getUrl is not modelled");
    }

    @Override
    public @NonNull File getRootDir() {
        throw new UnsupportedOperationException("stand-in: Run#getRootDir is not modelled");
    }

    @Override
    public synchronized void save() throws IOException {
        throw new UnsupportedOperationException("stand-in: Run#save is not modelled");
    }

    @Override
    public @NonNull ACL getACL() {
        throw new UnsupportedOperationException("stand-in: Run#getACL is not modelled");
    }

    @Override
    public int compareTo(@NonNull RunT that) {
        throw new UnsupportedOperationException("stand-in: Run#compareTo is not modelled");
    }
}
