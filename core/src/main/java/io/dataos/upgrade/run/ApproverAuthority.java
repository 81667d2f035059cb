package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may approve a gate: one of its approvers, by id or by a group the approver belongs to (as
 * Jenkins' {@code input} matches {@code submitter} against a user's id and groups), or someone the
 * settings name as a delegate of one of them. Whoever can edit the Jenkinsfile can also write any
 * approver name into it: {@code input}'s {@code submitter} and this check together are the guard.
 * Also an {@link Approvals} wrapper that turns an approval by someone else into a wait.
 */
public final class ApproverAuthority implements Approvals {

    private final Approvals approvals;
    private final Map<String, List<String>> delegates;

    /** {@code approvals} whose approvals must pass this check; {@code delegates} by approver. */
    public ApproverAuthority(Approvals approvals, Map<String, List<String>> delegates) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.delegates = delegates == null ? Map.of() : Map.copyOf(delegates);
    }

    /**
     * Why {@code approval} may not pass {@code gate}, or empty when it may: the gate names no
     * approvers, or the approver's id or one of its groups is an approver or a delegate of one.
     */
    public static Optional<String> refusal(PlanAction gate, Decision.Approved approval,
            Map<String, List<String>> delegates) {
        if (gate.approvers().isEmpty() || basis(gate, approval, delegates).isPresent()) {
            return Optional.empty();
        }
        List<String> named = gate.approvers().stream().filter(delegates::containsKey).toList();
        // the groups are not listed: from a directory they can be hundreds, and who is in which group is the
        // directory's to show
        int groups = approval.groups().size();
        return Optional.of("gate " + gate.id() + " approved by " + approval.by() + (groups == 0 ? ""
                : " (in " + groups + (groups == 1 ? " group" : " groups") + ", none of them an approver)")
                + ", who is not among its approvers "
                + String.join(", ", gate.approvers()) + (named.isEmpty() ? " and not named as their delegate"
                : " nor among their delegates") + ": the approval is refused; have one of them approve it (Jenkins:"
                + " input with submitter set to them), or name the approver in delegates of the settings");
    }

    /**
     * On what ground {@code approval} passes {@code gate}: {@code ""} when the approver's id is one of the gate's
     * approvers, else the group or delegation that makes them one ("as a member of dataos-ops"); empty when nothing
     * does.
     */
    static Optional<String> basis(PlanAction gate, Decision.Approved approval, Map<String, List<String>> delegates) {
        for (String approver : gate.approvers()) {
            if (same(approver, approval.by())) {
                return Optional.of("");
            }
        }
        for (String approver : gate.approvers()) {
            for (String group : approval.groups()) {
                if (same(approver, group)) {
                    return Optional.of("as a member of " + approver);
                }
            }
        }
        for (String approver : gate.approvers()) {
            for (String delegate : delegates.getOrDefault(approver, List.of())) {
                if (same(delegate, approval.by())) {
                    return Optional.of("as a delegate of " + approver);
                }
                for (String group : approval.groups()) {
                    if (same(delegate, group)) {
                        return Optional.of("as a member of " + delegate + ", a delegate of " + approver);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean same(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public Decision decide(PlanAction gate) throws InterruptedException {
        Decision decision = approvals.decide(gate);
        if (decision instanceof Decision.Approved approved && approvals.checksAuthority()) {
            Optional<String> refused = refusal(gate, approved, delegates);
            if (refused.isPresent()) {
                return new Decision.Pending(refused.get());
            }
            // the journal and the reports say on what ground someone who is not named approved
            String basis = basis(gate, approved, delegates).orElse("");
            if (!basis.isEmpty()) {
                return new Decision.Approved(approved.by(), approved.at(),
                        approved.note().isEmpty() ? basis : approved.note() + "; " + basis, approved.groups());
            }
        }
        return decision;
    }

    @Override
    public void requireKnownGates(java.util.Collection<String> gateIds, String source) {
        approvals.requireKnownGates(gateIds, source);
    }

    @Override
    public Optional<Decision.Approved> inAdvance(PlanAction gate) {
        return approvals.inAdvance(gate);
    }

    @Override
    public boolean checksAuthority() {
        return approvals.checksAuthority();
    }
}
