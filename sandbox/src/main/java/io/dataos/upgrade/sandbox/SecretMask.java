package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The secrets a {@link SandboxHelm} has been given, and the masking every text it returns or logs
 * goes through. Besides the plain value it masks the base64 form, because a chart renders secrets
 * into Kubernetes Secrets with {@code b64enc}.
 */
final class SecretMask {

    private static final String MASK = "****";
    private final Set<Secret> secrets = new CopyOnWriteArraySet<>();

    void add(Secret secret) {
        secrets.add(secret);
    }

    Set<Secret> secrets() {
        return Set.copyOf(secrets);
    }

    /** Whether {@code value} is exactly one of the known secret values. */
    Secret matching(String value) {
        for (Secret secret : secrets) {
            if (secret.reveal().equals(value)) {
                return secret;
            }
        }
        return null;
    }

    String apply(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (Secret secret : secrets) {
            String value = secret.reveal();
            masked = masked.replace(value, MASK);
            String base64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
            masked = masked.replace(base64, MASK);
        }
        return masked;
    }
}
