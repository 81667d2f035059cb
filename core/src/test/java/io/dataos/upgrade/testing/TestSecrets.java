package io.dataos.upgrade.testing;

import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import java.util.Map;
import java.util.Optional;

/** The secrets the tests use, with values distinctive enough to search every output for. */
public final class TestSecrets {

    public static final String PRIME_API_KEY_VALUE = "pk-TEST-9f3c1e7a-do-not-leak";

    private TestSecrets() {
    }

    public static Secret primeApiKey() {
        return Secret.of("prime-api-key", PRIME_API_KEY_VALUE);
    }

    /** A provider holding the given secrets by name. */
    public static SecretProvider provider(Secret... secrets) {
        Map<String, Secret> byName = new java.util.HashMap<>();
        for (Secret s : secrets) {
            byName.put(s.name(), s);
        }
        return name -> Optional.ofNullable(byName.get(name));
    }
}
