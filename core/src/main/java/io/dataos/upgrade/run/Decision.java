package io.dataos.upgrade.run;

import io.dataos.upgrade.text.FreeText;
import java.time.Instant;
import java.util.Objects;

/** An approver's answer at a gate: approved, rejected, or not given yet. */
public sealed interface Decision permits Decision.Approved, Decision.Rejected, Decision.Pending {

    /** The gate may proceed; {@code by} names the approver (or the rehearsal that auto-approved). */
    record Approved(String by, Instant at, String note) implements Decision {
        public Approved {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            by = FreeText.neutral(by);
            note = note == null ? "" : FreeText.neutral(note);
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
