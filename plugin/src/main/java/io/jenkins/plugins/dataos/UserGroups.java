package io.jenkins.plugins.dataos;

import hudson.model.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The groups an approver has in Jenkins, read from the user record as {@code input}'s {@code submitter} matches ids
 * or groups: the engine accepts an approval when the approver's id or one of these groups is among the gate's
 * approvers or their delegates. So a gate owned by a team ({@code poros-team}) is approved by any of its members
 * whom the security realm (LDAP, Active Directory, a SAML or OIDC group claim) puts in that group, with nothing
 * about memberships written in the Jenkinsfile.
 */
final class UserGroups {

    /** The authority every signed-in user has ({@code SecurityRealm.AUTHENTICATED_AUTHORITY2}): not a group. */
    static final String AUTHENTICATED = "authenticated";

    /**
     * Who the security realm says a user id is. A user record needs a running Jenkins, so the plugin's tests put
     * their own directory here.
     */
    static volatile Function<String, Authentication> directory = UserGroups::impersonate;

    private UserGroups() {
    }

    /** The user with this id as the security realm sees them, or null if Jenkins has no such user. */
    private static Authentication impersonate(String id) {
        User user = User.getById(id, false);
        if (user == null) {
            return null;
        }
        try {
            return user.impersonate2();
        } catch (UsernameNotFoundException unknown) {
            return null; // the realm no longer knows the user: the id alone is matched
        }
    }

    /**
     * The groups of user {@code id}: the authorities of their authentication but the id itself and
     * {@value #AUTHENTICATED}, without duplicates, sorted as {@code User.getAuthorities()} sorts them. Ids and
     * groups compare case-insensitively, as the default id strategy does.
     */
    static List<String> of(String id, Authentication user) {
        TreeSet<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (user != null) {
            for (GrantedAuthority authority : user.getAuthorities()) {
                String name = authority == null ? null : authority.getAuthority();
                if (name != null && !name.isBlank() && !name.equalsIgnoreCase(AUTHENTICATED)
                        && !name.toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))) {
                    groups.add(name);
                }
            }
        }
        return List.copyOf(groups);
    }

    /** How long the security realm may take to answer for all approvers of one step. */
    static volatile long timeoutMillis = 30_000;

    private static final java.util.concurrent.ExecutorService LOOKUPS = java.util.concurrent.Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "dataos-upgrade approver groups");
                t.setDaemon(true);
                return t;
            });

    /**
     * {@code APPROVER=GROUP} for each group Jenkins knows of each approver, except those {@code argv} gives already
     * (the engine gets them as lines of {@code --approver-groups-file}, out of the command line the log shows).
     * The realm is asked on a thread of its own and waited for at most {@link #timeoutMillis}: a directory that
     * hangs (LDAP) must not hold up the threads that follow every running engine. The build log says
     * how many groups were found, not which: who is in which group is the directory's to show (Jenkins shows a
     * user's groups to administrators only), and the engine's journal names the one that made the approver one.
     */
    static List<String> pairs(Collection<String> approvers, List<String> argv, java.io.PrintStream log,
            String function) throws InterruptedException {
        java.util.Set<String> given = new java.util.HashSet<>();
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("--approver-group")) {
                given.add(argv.get(i + 1));
            }
        }
        List<String> more = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (String approver : approvers == null ? List.<String>of() : approvers) {
            List<String> groups;
            java.util.concurrent.Future<List<String>> lookup = LOOKUPS.submit(() -> of(approver,
                    directory.apply(approver)));
            try {
                groups = lookup.get(Math.max(0, deadline - System.nanoTime()),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException slow) {
                lookup.cancel(true);
                log.println(Messages.format("Approval.GroupsUnknown", function, approver,
                        "no answer within " + (timeoutMillis % 1000 == 0 ? timeoutMillis / 1000 + " s"
                                : timeoutMillis + " ms")));
                continue;
            } catch (java.util.concurrent.ExecutionException failed) {
                // a directory that does not answer (LDAP down) must not fail the run: the id alone is matched
                log.println(Messages.format("Approval.GroupsUnknown", function, approver,
                        failed.getCause().getClass().getSimpleName()));
                LOGGER.log(java.util.logging.Level.FINE, "groups of " + approver, failed.getCause());
                continue;
            }
            if (groups.isEmpty()) {
                log.println(Messages.format("Approval.NoGroups", function, approver));
                continue;
            }
            log.println(Messages.format("Approval.Groups", function, approver, groups.size()));
            LOGGER.log(java.util.logging.Level.FINE, () -> approver + " is in " + groups);
            for (String group : groups) {
                String pair = approver + "=" + group.replaceAll("\\p{Cntrl}", " ");
                if (given.add(pair)) {
                    more.add(pair);
                }
            }
        }
        return more;
    }

    private static final java.util.logging.Logger LOGGER = java.util.logging.Logger.getLogger(
            UserGroups.class.getName());
}
