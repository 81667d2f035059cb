package io.dataos.upgrade.secret;

/**
 * The stable names the engine asks the secrets port for, defined once for the engine, the command
 * line and the rehearsal (and the Jenkins plugin, which carries this module). A front door maps each
 * to where it keeps the value: a Jenkins credential, a key file, an environment variable.
 */
public final class SecretNames {

    /** The DataOS Prime API key the dataos-manager chart needs ({@code primeApiKey} in its values). */
    public static final String PRIME_API_KEY = "prime-api-key";

    /** The DataOS database password for backups, restores and data-integrity checks. */
    public static final String POSTGRES_PASSWORD = "postgres-password";

    /** Every name above, for whoever must treat them all alike (children's environment). */
    public static final java.util.List<String> ALL = java.util.List.of(PRIME_API_KEY, POSTGRES_PASSWORD);

    private SecretNames() {
    }

    /** The environment variable a secret is read from when no file gives it: {@code prime-api-key} -> {@code PRIME_API_KEY}. */
    public static String environmentVariable(String name) {
        return name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
