// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/security/ACL.java (Jenkins 2.479.3). Sids, impersonation and the deprecated
// Acegi overloads are omitted. The current authentication is read from Spring's SecurityContextHolder,
// as Jenkins.getAuthentication2() does, falling back to anonymous (Jenkins.ANONYMOUS2).
package hudson.security;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Gate-keeper that decides whether an authentication holds a permission on a model object. */
public abstract class ACL {

    public final void checkPermission(@NonNull Permission p) {
        throw new UnsupportedOperationException("stand-in: ACL#checkPermission is not modelled");
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java, ACL#hasPermission(Permission)
    public final boolean hasPermission(@NonNull Permission p) {
        Authentication a = currentAuthentication();
        if (a.equals(SYSTEM2)) {
            return true;
        }
        return hasPermission2(a, p);
    }

    // jenkinsci/jenkins core/src/main/java/hudson/security/ACL.java, ACL#hasPermission2: the real one forwards to a
    // subclass's deprecated Acegi hasPermission override; the stand-in has no Acegi overload, so it always refuses
    // as the real one does when neither is overridden.
    public boolean hasPermission2(@NonNull Authentication a, @NonNull Permission permission) {
        throw new AbstractMethodError("implement hasPermission2");
    }

    public static final String ANONYMOUS_USERNAME = "anonymous";
    public static final String SYSTEM_USERNAME = "SYSTEM";
    public static final Authentication SYSTEM2 = new UsernamePasswordAuthenticationToken(SYSTEM_USERNAME, "SYSTEM");

    // jenkinsci/jenkins core/src/main/java/jenkins/model/Jenkins.java, Jenkins#getAuthentication2 (and ANONYMOUS2)
    static @NonNull Authentication currentAuthentication() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null) {
            a = new AnonymousAuthenticationToken("anonymous", "anonymous",
                    Set.of(new SimpleGrantedAuthority("anonymous")));
        }
        return a;
    }
}
