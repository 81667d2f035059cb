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
    void aSecurityRealmThatFailsLeavesTheIdAloneToMatchAndSaysSoWithoutItsMessage() throws Exception {
        var directory = UserGroups.directory;
        UserGroups.directory = id -> {
            throw new IllegalStateException("LDAP: connection refused\nldap.example.com:636");
        };
        try {
            assertThat(UserGroups.pairs(List.of("bob"), List.of(), out, "dataosUpgrade")).isEmpty();
        } finally {
            UserGroups.directory = directory;
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("dataosUpgrade: the groups of approver bob could"
                + " not be read from Jenkins' security realm (IllegalStateException): only the id bob is matched"
                + " against the gates' approvers" + System.lineSeparator());
    }

    @Test
    void aSecurityRealmThatHangsIsWaitedForOnlySoLong() throws Exception {
        var directory = UserGroups.directory;
        long timeout = UserGroups.timeoutMillis;
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        UserGroups.directory = id -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        };
        UserGroups.timeoutMillis = 200;
        try {
            assertThat(UserGroups.pairs(List.of("bob", "carol"), List.of(), out, "dataosUpgrade")).isEmpty();
        } finally {
            UserGroups.directory = directory;
            UserGroups.timeoutMillis = timeout;
            never.countDown();
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(
                "the groups of approver bob could not be read from Jenkins' security realm (no answer within 200 ms)",
                "the groups of approver carol could not be read");
    }

    @Test
    void eachApproversJenkinsGroupsBecomePairsNotRepeatingTheJenkinsfilesAndAreOnlyCountedInTheLog()
            throws Exception {
        TestStepContext.USERS.put("bob", List.of("poros-team", "dataos-ops"));
        TestStepContext.USERS.put("carol", List.of());

        List<String> more = UserGroups.pairs(List.of("bob", "carol", "dave"),
                List.of("rollback", "--approve", "g=bob", "--approver-group", "bob=dataos-ops"), out, "dataosRollback");

        assertThat(more).containsExactly("bob=poros-team");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(
                "dataosRollback: approver bob is in 2 Jenkins group(s), passed to the engine",
                "dataosRollback: approver carol has no groups in Jenkins",
                "dataosRollback: approver dave has no groups in Jenkins").doesNotContain("poros-team");
    }
}
