// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/ArgumentListBuilder.java (Jenkins 2.479.3). Quoting, tokenizing and the
// Windows conversion are omitted; only the builder the plugin and the stand-in Launcher use is modelled.
// Note: addMasked(String) returns void, addMasked(Secret) the builder.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** A command line as a list of arguments, some of which are masked when shown. */
public class ArgumentListBuilder implements Serializable, Cloneable {
    private static final long serialVersionUID = 1L;

    private List<String> args = new ArrayList<>();
    private BitSet mask = new BitSet();

    // jenkinsci/jenkins core/src/main/java/hudson/util/ArgumentListBuilder.java, ArgumentListBuilder()
    public ArgumentListBuilder() {
    }

    public ArgumentListBuilder(String... args) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#ArgumentListBuilder(String...) is not modelled");
    }

    public ArgumentListBuilder add(Object a) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(Object) is not modelled");
    }

    public ArgumentListBuilder add(Object a, boolean mask) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(Object, boolean) is not modelled");
    }

    public ArgumentListBuilder add(File f) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(File) is not modelled");
    }

    public ArgumentListBuilder add(String a) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(String) is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ArgumentListBuilder.java, ArgumentListBuilder#add(String, boolean)
    public ArgumentListBuilder add(String a, boolean mask) {
        if (a != null) {
            if (mask) {
                this.mask.set(args.size());
            }
            args.add(a);
        }
        return this;
    }

    public ArgumentListBuilder add(String... args) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(String...) is not modelled");
    }

    public ArgumentListBuilder add(@NonNull Iterable<String> args) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#add(Iterable) is not modelled");
    }

    public void addMasked(String string) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#addMasked(String) is not modelled");
    }

    public ArgumentListBuilder addMasked(Secret s) {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#addMasked(Secret) is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ArgumentListBuilder.java, ArgumentListBuilder#toList (the
    // live list, not a copy)
    public List<String> toList() {
        return args;
    }

    public String[] toCommandArray() {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#toCommandArray is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ArgumentListBuilder.java, ArgumentListBuilder#toMaskArray
    public boolean[] toMaskArray() {
        boolean[] result = new boolean[args.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = mask.get(i);
        }
        return result;
    }

    public boolean hasMaskedArguments() {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#hasMaskedArguments is not modelled");
    }

    public void clear() {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#clear is not modelled");
    }

    @Override
    public ArgumentListBuilder clone() {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#clone is not modelled");
    }

    @Override
    public String toString() {
        throw new UnsupportedOperationException("stand-in: ArgumentListBuilder#toString is not modelled");
    }
}
