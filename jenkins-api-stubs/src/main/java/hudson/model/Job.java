// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Job.java (Jenkins 2.479.3). Only the build-number counter is modelled
// (persisted to <root dir>/nextBuildNumber as upstream); builds, properties and the web methods are omitted.
package hudson.model;

import hudson.ExtensionPoint;
import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.model.ModelObjectWithChildren;
import jenkins.widgets.HasWidgets;
import org.kohsuke.stapler.StaplerOverridable;

/** A configured job that produces runs. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends AbstractItem implements ExtensionPoint, StaplerOverridable, ModelObjectWithChildren, HasWidgets {

    protected transient volatile int nextBuildNumber = 1;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java, Job(ItemGroup, String)
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java, Job#saveNextBuildNumber (TextFile#write: the
    // parent directories are created and the file replaced atomically)
    protected synchronized void saveNextBuildNumber() throws IOException {
        if (nextBuildNumber == 0) {
            nextBuildNumber = 1;
        }
        Path file = new File(this.getRootDir(), "nextBuildNumber").toPath();
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "atomic", "tmp");
        try {
            Files.writeString(tmp, String.valueOf(nextBuildNumber) + '\n', Charset.defaultCharset());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Job.java, Job#assignBuildNumber
    public synchronized int assignBuildNumber() throws IOException {
        int r = nextBuildNumber++;
        saveNextBuildNumber();
        return r;
    }

    public int getNextBuildNumber() {
        throw new UnsupportedOperationException("stand-in: Job#getNextBuildNumber is not modelled");
    }
}
