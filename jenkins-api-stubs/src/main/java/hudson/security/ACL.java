// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/ACL.java (Jenkins 2.479.3). Sids, impersonation and the deprecated
// Acegi overloads are omitted. The current authentication is read from Spring's SecurityContextHolder,
// as Jenkins.getAuthentication2() does, falling back to anonymous.
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Gate-keeper that decides whether an authentication holds a permission on a model object. */
public abstract class ACL {

    public final void checkPermission(@NonNull Permission p) {
        Authentication a = current();
        if (!hasPermission2(a, p)) {
            throw new AccessDeniedException(a.getName() + " is missing the " + p.name + " permission");
        }
    }

    public final boolean hasPermission(@NonNull Permission p) {
        return hasPermission2(current(), p);
    }

    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new AbstractMethodError("implement hasPermission2");
    }

    public static final String ANONYMOUS_USERNAME = "anonymous";
    public static final String SYSTEM_USERNAME = "SYSTEM";
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken(SYSTEM_USERNAME, "SYSTEM");

    private static Authentication current() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a != null ? a : new AnonymousAuthenticationToken(ANONYMOUS_USERNAME, ANONYMOUS_USERNAME,
                List.of(new SimpleGrantedAuthority(ANONYMOUS_USERNAME)));
    }
}
