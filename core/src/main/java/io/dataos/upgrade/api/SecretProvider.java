package io.dataos.upgrade.api;

import io.dataos.upgrade.secret.Secret;
import java.util.Optional;

/**
 * Where secrets come from: Jenkins credentials in the plugin, an environment variable or a private
 * file in the CLI. The engine asks by a stable name ({@code prime-api-key}, {@code postgres-password})
 * and never stores what it gets.
 */
public interface SecretProvider {

    /** The secret called {@code name}, or empty when none is configured. */
    Optional<Secret> find(String name);

    /** The secret called {@code name}; fails with a message naming it and how to provide it. */
    default Secret require(String name) {
        return find(name).orElseThrow(() -> new MissingSecretException(name));
    }
}
