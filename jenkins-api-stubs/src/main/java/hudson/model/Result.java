// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/model/Result.java (Jenkins 2.479.3). Ball colours, the exported-bean
// representation, the CLI option handler and the XStream converter are omitted.
package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;
import org.kohsuke.stapler.export.CustomExportedBean;

/** The status of a build: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED. */
public final class Result implements Serializable, CustomExportedBean {

    public static final @NonNull Result SUCCESS = new Result("SUCCESS", 0, true);
    public static final @NonNull Result UNSTABLE = new Result("UNSTABLE", 1, true);
    public static final @NonNull Result FAILURE = new Result("FAILURE", 2, true);
    public static final @NonNull Result NOT_BUILT = new Result("NOT_BUILT", 3, false);
    public static final @NonNull Result ABORTED = new Result("ABORTED", 4, false);

    private final @NonNull String name;
    public final int ordinal;
    public final boolean completeBuild;

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java, Result(String, BallColor, int, boolean) without
    // the colour
    private Result(@NonNull String name, int ordinal, boolean complete) {
        this.name = name;
        this.ordinal = ordinal;
        this.completeBuild = complete;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java, Result#combine(Result)
    public @NonNull Result combine(@NonNull Result that) {
        if (this.ordinal < that.ordinal) {
            return that;
        } else {
            return this;
        }
    }

    public boolean isWorseThan(@NonNull Result that) {
        throw new UnsupportedOperationException("stand-in: Result#isWorseThan is not modelled");
    }

    public boolean isWorseOrEqualTo(@NonNull Result that) {
        throw new UnsupportedOperationException("stand-in: Result#isWorseOrEqualTo is not modelled");
    }

    public boolean isBetterThan(@NonNull Result that) {
        throw new UnsupportedOperationException("stand-in: Result#isBetterThan is not modelled");
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        throw new UnsupportedOperationException("stand-in: Result#isBetterOrEqualTo is not modelled");
    }

    public boolean isCompleteBuild() {
        throw new UnsupportedOperationException("stand-in: Result#isCompleteBuild is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java, Result#toString
    @Override
    public @NonNull String toString() {
        return name;
    }

    public static @NonNull Result fromString(@NonNull String s) {
        throw new UnsupportedOperationException("stand-in: Result#fromString is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/model/Result.java, Result#readResolve
    private Object readResolve() {
        for (Result r : all) {
            if (ordinal == r.ordinal) {
                return r;
            }
        }
        return FAILURE;
    }

    private static final long serialVersionUID = 1L;

    private static final Result[] all = new Result[] {SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED};
}
