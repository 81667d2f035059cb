package io.dataos.upgrade.secret;

import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.api.InvalidInputException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The secrets of any front door (CLI key files and environment, Jenkins credentials) with the
 * engine's length rule applied where they are read: a secret shorter than {@value #REFUSED_BELOW}
 * characters is refused, because masking it would rewrite ordinary text in every message; one
 * shorter than {@value #WARNED_BELOW} is used with a warning, once per secret.
 */
public final class CheckedSecrets implements SecretProvider {

    /** Secrets shorter than this are refused. */
    public static final int REFUSED_BELOW = 4;
    /** Secrets shorter than this get a warning. */
    public static final int WARNED_BELOW = 8;

    private final SecretProvider provider;
    private final Consumer<String> warnings;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Consumer<Secret> onFound;

    private CheckedSecrets(SecretProvider provider, Consumer<String> warnings, Consumer<Secret> onFound) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.warnings = warnings == null ? line -> { } : warnings;
        this.onFound = onFound == null ? secret -> { } : onFound;
    }

    private CheckedSecrets(SecretProvider provider, Consumer<String> warnings) {
        this(provider, warnings, null);
    }

    /**
     * The same secrets, each one found also handed to {@code onFound} (the command runner, which keeps
     * it out of children's environment), replacing an earlier observer.
     */
    public CheckedSecrets observedBy(Consumer<Secret> observer) {
        return new CheckedSecrets(provider, warnings, observer);
    }

    /** {@code provider} with the length rule, warnings going to {@code warnings} (replacing an earlier sink). */
    public static CheckedSecrets of(SecretProvider provider, Consumer<String> warnings) {
        SecretProvider inner = provider instanceof CheckedSecrets checked ? checked.provider : provider;
        return new CheckedSecrets(inner, warnings);
    }

    /** {@code provider} with the length rule; one that already has it is kept as it is. */
    public static CheckedSecrets ensure(SecretProvider provider, Consumer<String> warnings) {
        return provider instanceof CheckedSecrets checked ? checked : of(provider, warnings);
    }

    /**
     * @throws InvalidInputException for a secret shorter than {@value #REFUSED_BELOW} characters
     */
    @Override
    public Optional<Secret> find(String name) {
        Optional<Secret> found = provider.find(name);
        found.ifPresent(secret -> {
            check(secret);
            onFound.accept(secret);
            if (secret.length() < WARNED_BELOW && warned.add(name)) {
                warnings.accept("warning: secret '" + name + "' is only " + secret.length() + " characters long:"
                        + " it is easy to guess, and every occurrence of that text in output, the journal and the"
                        + " reports will be shown as " + Secret.MASK + " (ids and paths in the journal stay exact);"
                        + " use the real value if this is a placeholder");
            }
        });
        return found;
    }

    /** Refuses {@code secret} when it is shorter than {@value #REFUSED_BELOW} characters. */
    public static Secret check(Secret secret) {
        if (secret.length() < REFUSED_BELOW) {
            throw new InvalidInputException("secret '" + secret.name() + "'", "value", "is only " + secret.length()
                    + " character(s) long: a secret shorter than " + REFUSED_BELOW + " characters would be masked"
                    + " inside ordinary text everywhere; provide the real value (" + new MissingSecretException(
                            secret.name()).getMessage().replaceFirst("^secret '[^']*' is not configured: provide it ",
                            "") + ")");
        }
        return secret;
    }
}
