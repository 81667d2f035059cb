package io.dataos.upgrade.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a verification found: every check's result in checks-file order, when it ran, and whether the
 * caller asked for a failed post-upgrade validation to lead to a rollback. The rollback itself is
 * planned and run elsewhere; this report only says whether it is called for and why.
 */
public record VerificationReport(
        VerificationPurpose purpose, Instant started, Instant finished, List<CheckResult> results,
        boolean rollbackOnFailure) {

    public VerificationReport {
        results = List.copyOf(results);
    }

    /** True when no check failed or errored (skipped checks do not count). */
    public boolean passed() {
        return results.stream().noneMatch(r -> r.status().isProblem());
    }

    public List<CheckResult> problems() {
        return results.stream().filter(r -> r.status().isProblem()).toList();
    }

    public long count(CheckStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    public Duration duration() {
        return Duration.between(started, finished);
    }

    /**
     * Whether the rollback plan should now run: this was a post-upgrade validation, the caller asked
     * for rollback on failure, and at least one critical check failed or could not be carried out.
     */
    public boolean shouldRollBack() {
        return rollbackReason().isPresent();
    }

    /** Why a rollback is recommended, naming the critical checks that did not pass; empty when it is not. */
    public Optional<String> rollbackReason() {
        if (purpose != VerificationPurpose.POST_UPGRADE || !rollbackOnFailure) {
            return Optional.empty();
        }
        List<CheckResult> critical = problems().stream().filter(CheckResult::critical).toList();
        if (critical.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder reason = new StringBuilder("post-upgrade validation failed: ");
        for (int i = 0; i < critical.size(); i++) {
            CheckResult r = critical.get(i);
            reason.append(i == 0 ? "" : "; ").append(r.name()).append(" (").append(r.status()).append(": ")
                    .append(r.message()).append(')');
        }
        return Optional.of(reason.toString());
    }
}
