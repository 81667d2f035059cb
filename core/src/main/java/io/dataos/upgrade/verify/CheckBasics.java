package io.dataos.upgrade.verify;

import io.dataos.upgrade.model.Layer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What every check has whatever its type: a unique name, the layer it verifies (null for none), the
 * time one attempt may take, whether a failure counts towards a rollback recommendation, and the
 * verifications it applies to (post-upgrade, post-rollback or both).
 */
public record CheckBasics(
        String name, Layer layer, Duration timeout, boolean critical, Set<VerificationPurpose> appliesTo) {

    public CheckBasics {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timeout, "timeout");
        appliesTo = appliesTo == null || appliesTo.isEmpty()
                ? Set.copyOf(EnumSet.allOf(VerificationPurpose.class))
                : Set.copyOf(appliesTo);
    }

    /** A critical check of {@code name} applying to every verification. */
    public static CheckBasics of(String name, Layer layer, Duration timeout) {
        return new CheckBasics(name, layer, timeout, true, null);
    }
}
