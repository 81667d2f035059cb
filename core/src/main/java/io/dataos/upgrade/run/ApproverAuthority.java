package io.dataos.upgrade.run;

import io.dataos.upgrade.plan.PlanAction;
import java.util.ArrayList;
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
        if (gate.approvers().isEmpty()) {
            return Optional.empty();
        }
        List<String> who = new ArrayList<>();
        who.add(approval.by());
        who.addAll(approval.groups());
        for (String approver : gate.approvers()) {
            List<String> allowed = new ArrayList<>();
            allowed.add(approver);
            allowed.addAll(delegates.getOrDefault(approver, List.of()));
            for (String name : who) {
                if (allowed.stream().anyMatch(a -> same(a, name))) {
                    return Optional.empty();
                }
            }
        }
        List<String> named = gate.approvers().stream().filter(delegates::containsKey).toList();
        return Optional.of("gate " + gate.id() + " approved by " + approval.by() + (approval.groups().isEmpty() ? ""
                : " (groups " + String.join(", ", approval.groups()) + ")") + ", who is not among its approvers "
                + String.join(", ", gate.approvers()) + (named.isEmpty() ? " and not named as their delegate"
                : " nor among their delegates") + ": the approval is refused; have one of them approve it (Jenkins:"
                + " input with submitter set to them), or name the approver in delegates of the settings");
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
