// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/AccessControlled.java (Jenkins 2.479.3). checkAnyPermission,
// hasAnyPermission and the Acegi overloads are omitted.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/** An object that has an ACL. */
public interface AccessControlled {

    @NonNull
    ACL getACL();

    default void checkPermission(@NonNull Permission permission) throws AccessDeniedException {
        throw new UnsupportedOperationException("stand-in: AccessControlled#checkPermission is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java, AccessControlled#hasPermission
    default boolean hasPermission(@NonNull Permission permission) {
        if (ACL.currentAuthentication().equals(ACL.SYSTEM2)) {
            return true;
        }
        return getACL().hasPermission(permission);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/AccessControlled.java, AccessControlled#hasPermission2
    default boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        if (a.equals(ACL.SYSTEM2)) {
            return true;
        }
        return getACL().hasPermission2(a, permission);
    }
}
