package io.dataos.upgrade.api;

import io.dataos.upgrade.api.SecretProvider;

/**
 * The secrets port a front door implements: the secret for a stable name ({@link SecretNames}),
 * from Jenkins credentials, a private file or the environment. The engine never stores what it gets.
 */
public interface Secrets extends SecretProvider {
}
