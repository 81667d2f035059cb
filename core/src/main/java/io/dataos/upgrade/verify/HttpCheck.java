package io.dataos.upgrade.verify;

import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * An endpoint's health: a GET of {@code url} must answer one of {@code expectStatus} and, when set,
 * contain {@code bodyContains}; {@code tokenSecret} names a bearer token in the secret provider, or is
 * null.
 */
public record HttpCheck(CheckBasics basics, URI url, Set<Integer> expectStatus, String bodyContains,
        String tokenSecret) implements Check {

    public HttpCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(url, "url");
        expectStatus = expectStatus == null || expectStatus.isEmpty() ? Set.of(200) : Set.copyOf(expectStatus);
    }

    @Override
    public CheckType type() {
        return CheckType.HTTP;
    }
}
