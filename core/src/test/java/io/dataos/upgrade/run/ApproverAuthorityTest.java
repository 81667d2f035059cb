package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.Phase;
import io.dataos.upgrade.plan.PlanAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may approve a gate: an approver by id or group, or a delegate the settings name. */
class ApproverAuthorityTest {

    private static final PlanAction GATE = new PlanAction("core-kernel.owner-approval.poros", Phase.CORE_KERNEL,
            Layer.CORE_KERNEL, "poros", ActionKind.OWNER_APPROVAL, "2.0.0", "1.9.0", List.of(), true,
            List.of("poros-team"), "consult poros-team", Map.of());

    private static Decision.Approved by(String who, String... groups) {
        return new Decision.Approved(who, Instant.EPOCH, "", List.of(groups));
    }

    @Test
    void anApprovalByANonApproverIsRefusedNamingTheGateAndItsApprovers() {
        assertThat(ApproverAuthority.refusal(GATE, by("bob"), Map.of())).hasValueSatisfying(why -> assertThat(why)
                .startsWith("gate core-kernel.owner-approval.poros approved by bob, who is not among its approvers"
                        + " poros-team"));
    }

    @Test
    void anApproverByIdByGroupOrByDelegationIsAccepted() {
        assertThat(ApproverAuthority.refusal(GATE, by("Poros-Team"), Map.of())).isEmpty();
        assertThat(ApproverAuthority.refusal(GATE, by("bob", "devs", "poros-team"), Map.of())).isEmpty();
        assertThat(ApproverAuthority.refusal(GATE, by("bob"), Map.of("poros-team", List.of("bob")))).isEmpty();
        assertThat(ApproverAuthority.refusal(GATE, by("bob", "platform-leads"),
                Map.of("poros-team", List.of("platform-leads")))).isEmpty();
        assertThat(ApproverAuthority.refusal(GATE, by("bob"), Map.of("metis-team", List.of("bob")))).isPresent();
    }

    @Test
    void atTheGateARefusedApprovalWaitsAndARehearsalIsNotChecked() throws Exception {
        Approvals refused = new ApproverAuthority(new PreApprovedGates(Map.of(GATE.id(), "bob")), Map.of());
        assertThat(refused.decide(GATE)).isInstanceOf(Decision.Pending.class);
        Approvals rehearsal = new ApproverAuthority(new AutoApprove("rehearsal", java.time.Clock.systemUTC()),
                Map.of());
        assertThat(rehearsal.decide(GATE)).isInstanceOf(Decision.Approved.class);
    }

    @Test
    void aRefusalCountsTheApproversGroupsWithoutListingThem() {
        assertThat(ApproverAuthority.refusal(GATE, by("bob", "devs", "vpn-users", "floor-3"), Map.of()))
                .hasValueSatisfying(why -> assertThat(why).contains("approved by bob (in 3 groups, none of them an"
                        + " approver)").doesNotContain("devs").doesNotContain("vpn-users"));
    }

    @Test
    void anApprovalThroughAGroupOrADelegationSaysSoOnItsNote() throws Exception {
        assertThat(ApproverAuthority.basis(GATE, by("poros-team"), Map.of())).hasValue("");
        assertThat(ApproverAuthority.basis(GATE, by("bob", "devs", "Poros-Team"), Map.of()))
                .hasValue("as a member of poros-team");
        assertThat(ApproverAuthority.basis(GATE, by("bob"), Map.of("poros-team", List.of("bob"))))
                .hasValue("as a delegate of poros-team");
        assertThat(ApproverAuthority.basis(GATE, by("bob", "platform-leads"),
                Map.of("poros-team", List.of("platform-leads"))))
                .hasValue("as a member of platform-leads, a delegate of poros-team");
        assertThat(ApproverAuthority.basis(GATE, by("bob", "devs"), Map.of())).isEmpty();

        Approvals member = new ApproverAuthority(new PreApprovedGates(Map.of(GATE.id(), "carol"),
                Map.of("carol", List.of("devs", "poros-team")), java.time.Clock.systemUTC()), Map.of());
        assertThat(member.decide(GATE)).isInstanceOfSatisfying(Decision.Approved.class, approved -> {
            assertThat(approved.by()).isEqualTo("carol");
            assertThat(approved.note()).endsWith("as a member of poros-team");
        });
    }
}
