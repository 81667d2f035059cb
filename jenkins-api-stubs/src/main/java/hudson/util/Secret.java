// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/Secret.java (Jenkins 2.479.3). Holds the value in memory only; there is
// no encryption key here, so getEncryptedValue/decrypt are omitted.
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** A confidential string such as a password or API key. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String value;

    private Secret(@NonNull String value) {
        this.value = value;
    }

    @NonNull
    public String getPlainText() {
        return value;
    }

    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        return new Secret(data == null ? "" : data);
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        return s == null ? "" : s.value;
    }

    /** @deprecated reveals the plain text, as the real one does; use getPlainText where that is meant. */
    @Deprecated
    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object that) {
        return that instanceof Secret && value.equals(((Secret) that).value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
