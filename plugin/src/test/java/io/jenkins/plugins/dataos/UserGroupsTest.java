package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An approver's groups, as a real Spring authentication of the security realm lists them. */
class UserGroupsTest {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);

    @AfterEach
    void forgetUsers() {
        TestStepContext.USERS.clear();
    }

    @Test
    void theGroupsAreTheAuthoritiesButTheUserItselfAndAuthenticatedOnceEachSorted() {
        var bob = UsernamePasswordAuthenticationToken.authenticated("bob", null, List.<GrantedAuthority>of(
                new SimpleGrantedAuthority("authenticated"), new SimpleGrantedAuthority("poros-team"),
                new SimpleGrantedAuthority("BOB"), new SimpleGrantedAuthority("Dataos-Ops"),
                new SimpleGrantedAuthority("dataos-ops"), () -> " ", () -> null));

        assertThat(UserGroups.of("bob", bob)).containsExactly("Dataos-Ops", "poros-team");
        assertThat(UserGroups.of("bob", null)).isEmpty();
    }

    @Test
    void aSecurityRealmThatDoesNotAnswerLeavesTheIdAloneToMatchAndSaysSo() {
        var directory = UserGroups.directory;
        UserGroups.directory = id -> {
            throw new IllegalStateException("LDAP: connection refused\nldap.example.com:636");
        };
        try {
            assertThat(UserGroups.argv(List.of("bob"), List.of(), out, "dataosUpgrade")).isEmpty();
        } finally {
            UserGroups.directory = directory;
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("dataosUpgrade: the groups of approver bob could"
                + " not be read from Jenkins' security realm (LDAP: connection refused ldap.example.com:636): only"
                + " the id bob is matched against the gates' approvers" + System.lineSeparator());
    }

    @Test
    void eachApproversJenkinsGroupsBecomeApproverGroupOptionsNotRepeatingTheJenkinsfilesAndAreLogged() {
        TestStepContext.USERS.put("bob", List.of("poros-team", "dataos-ops"));
        TestStepContext.USERS.put("carol", List.of());

        List<String> more = UserGroups.argv(List.of("bob", "carol", "dave"),
                List.of("rollback", "--approve", "g=bob", "--approver-group", "bob=dataos-ops"), out, "dataosRollback");

        assertThat(more).containsExactly("--approver-group", "bob=poros-team");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(
                "dataosRollback: approver bob is in these Jenkins groups: dataos-ops, poros-team",
                "dataosRollback: approver carol has no groups in Jenkins",
                "dataosRollback: approver dave has no groups in Jenkins");
    }
}
