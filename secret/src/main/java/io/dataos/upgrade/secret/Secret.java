package io.dataos.upgrade.secret;

import java.util.Collection;
import java.util.Objects;

/**
 * A secret value (the Prime API key, a database password, a bearer token). Its {@code toString}
 * never reveals it; only {@link #reveal()} does, and callers use that only where the value must
 * reach a program (a private file, a process environment).
 */
public final class Secret {

    private static final String MASK = "****";
    private final String name;
    private final String value;

    private Secret(String name, String value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** A secret called {@code name} (used in messages, never the value) holding {@code value}. */
    public static Secret of(String name, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("secret '" + name + "' is empty: provide a value");
        }
        return new Secret(name, value);
    }

    public String name() {
        return name;
    }

    public String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of every secret value replaced by a mask. */
    public static String mask(String text, Collection<Secret> secrets) {
        if (text == null || secrets == null) {
            return text;
        }
        String masked = text;
        for (Secret secret : secrets) {
            masked = masked.replace(secret.value, MASK);
        }
        return masked;
    }

    @Override
    public String toString() {
        return "Secret[" + name + "=" + MASK + "]";
    }
}
