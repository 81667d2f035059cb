// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/ListBoxModel.java (Jenkins 2.479.3). The @ExportedBean annotations and the
// JSON rendering (writeTo/generateResponse) are omitted.
package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.model.ModelObject;
import java.util.ArrayList;
import java.util.Collection;
import org.kohsuke.stapler.HttpResponse;

/** The options of a drop-down list in a form. */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> implements HttpResponse {
    private static final long serialVersionUID = 1L;

    public ListBoxModel(int initialCapacity) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel(int) is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java, ListBoxModel()
    public ListBoxModel() {
    }

    public ListBoxModel(Collection<Option> c) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel(Collection) is not modelled");
    }

    public ListBoxModel(Option... data) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel(Option...) is not modelled");
    }

    public void add(@NonNull String displayName, @NonNull String value) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel#add(String, String) is not modelled");
    }

    public void add(ModelObject usedForDisplayName, @NonNull String value) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel#add(ModelObject, String) is not modelled");
    }

    public ListBoxModel add(@NonNull String nameAndValue) {
        throw new UnsupportedOperationException("stand-in: ListBoxModel#add(String) is not modelled");
    }

    /** One entry of the list. */
    public static final class Option {
        @NonNull
        public String name;
        @NonNull
        public String value;
        public boolean selected;

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java, Option(String, String)
        public Option(@NonNull String name, @NonNull String value) {
            this(name, value, false);
        }

        public Option(@NonNull String name) {
            throw new UnsupportedOperationException("stand-in: ListBoxModel.Option(String) is not modelled");
        }

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java, Option(String, String, boolean)
        public Option(@NonNull String name, @NonNull String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }

        // jenkinsci/jenkins core/src/main/java/hudson/util/ListBoxModel.java, Option#toString
        @Override
        public String toString() {
            return name + "=" + value + (selected ? "[selected]" : "");
        }
    }
}
