// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/util/Secret.java (Jenkins 2.479.3). Holds the value in memory only. There is no
// instance confidential key here, so no string decrypts: fromString keeps every value as plain text, as the real
// one does for any value that is not an encrypted value of this Jenkins. getEncryptedValue/decrypt are omitted.
package hudson.util;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/** A confidential string such as a password or API key. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    @NonNull
    private final String value;

    // jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java, Secret(String)
    /*package*/ Secret(String value) {
        this.value = value;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java, Secret#getPlainText
    @NonNull
    public String getPlainText() {
        return value;
    }

    // jenkinsci/jenkins core/src/main/java/hudson/util/Secret.java, Secret#fromString (Util.fixNull, then decrypt,
    // which finds no key here, then the plain value)
    @NonNull
    public static Secret fromString(@CheckForNull String data) {
        data = data == null ? "" : data;
        return new Secret(data);
    }

    @NonNull
    public static String toString(@CheckForNull Secret s) {
        throw new UnsupportedOperationException("stand-in: Secret#toString(Secret) is not modelled");
    }

    @Deprecated
    @Override
    public String toString() {
        throw new UnsupportedOperationException("stand-in: Secret#toString() is not modelled (use getPlainText)");
    }

    @Override
    public boolean equals(Object that) {
        throw new UnsupportedOperationException("stand-in: Secret#equals is not modelled");
    }

    @Override
    public int hashCode() {
        throw new UnsupportedOperationException("stand-in: Secret#hashCode is not modelled");
    }
}
