// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/ArgumentListBuilder.java (Jenkins 2.479.3). Quoting, tokenizing and the
// Windows conversion are omitted. Note: addMasked(String) returns void, addMasked(Secret) the builder.
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

    public ArgumentListBuilder() {
    }

    public ArgumentListBuilder(String... args) {
        add(args);
    }

    public ArgumentListBuilder add(Object a) {
        return add(a.toString(), false);
    }

    public ArgumentListBuilder add(Object a, boolean mask) {
        return add(a.toString(), mask);
    }

    public ArgumentListBuilder add(File f) {
        return add(f.getAbsolutePath(), false);
    }

    public ArgumentListBuilder add(String a) {
        return add(a, false);
    }

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
        for (String arg : args) {
            add(arg);
        }
        return this;
    }

    public ArgumentListBuilder add(@NonNull Iterable<String> args) {
        for (String arg : args) {
            add(arg);
        }
        return this;
    }

    public void addMasked(String string) {
        add(string, true);
    }

    public ArgumentListBuilder addMasked(Secret s) {
        return add(Secret.toString(s), true);
    }

    public List<String> toList() {
        return new ArrayList<>(args);
    }

    public String[] toCommandArray() {
        return args.toArray(new String[0]);
    }

    public boolean[] toMaskArray() {
        boolean[] result = new boolean[args.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = mask.get(i);
        }
        return result;
    }

    public boolean hasMaskedArguments() {
        return mask.length() > 0;
    }

    public void clear() {
        args.clear();
        mask.clear();
    }

    @Override
    public ArgumentListBuilder clone() {
        try {
            ArgumentListBuilder copy = (ArgumentListBuilder) super.clone();
            copy.args = new ArrayList<>(args);
            copy.mask = (BitSet) mask.clone();
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        StringBuilder buf = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                buf.append(' ');
            }
            buf.append(mask.get(i) ? "******" : args.get(i));
        }
        return buf.toString();
    }
}
