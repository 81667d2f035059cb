package io.dataos.upgrade.run;

import io.dataos.upgrade.text.FreeText;
import java.time.Instant;
import java.util.Objects;

/** An approver's answer at a gate: approved, rejected, or not given yet. */
public sealed interface Decision permits Decision.Approved, Decision.Rejected, Decision.Pending {

    /**
     * The gate may proceed; {@code by} names the approver (or the rehearsal that auto-approved),
     * {@code groups} the groups the approver belongs to (Jenkins: from the approval entry), matched
     * against the gate's approvers like {@code input}'s {@code submitter}.
     */
    record Approved(String by, Instant at, String note, java.util.List<String> groups) implements Decision {
        public Approved {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            by = FreeText.neutral(by);
            note = note == null ? "" : FreeText.neutral(note);
            groups = groups == null ? java.util.List.of() : java.util.List.copyOf(groups.stream()
                    .map(FreeText::neutral).toList());
        }

        public Approved(String by, Instant at, String note) {
            this(by, at, note, java.util.List.of());
        }
    }

    /** The gate was turned down; nothing that depends on it may run. */
    record Rejected(String by, Instant at, String note) implements Decision {
        public Rejected {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            by = FreeText.neutral(by);
            note = note == null ? "" : FreeText.neutral(note);
        }
    }

    /** Nobody has answered yet; {@code reason} says what the operator must do. */
    record Pending(String reason) implements Decision {
        public Pending {
            reason = reason == null ? "" : FreeText.neutral(reason);
        }
    }
}
