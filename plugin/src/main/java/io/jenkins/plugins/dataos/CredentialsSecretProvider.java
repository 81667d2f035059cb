package io.jenkins.plugins.dataos;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretProvider;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The engine's {@link SecretProvider} over Jenkins credentials: each secret name the engine asks for
 * ({@code prime-api-key}, {@code postgres-password}) maps to the id of a "Secret text" credential given as a
 * step argument. All ids are resolved up front, as the build's identity, before anything runs; a missing or
 * wrong-type id fails the step with a message naming the id and the fix. Each use is recorded on the build
 * ({@code CredentialsProvider.track}) and each value is added to the build log's masking.
 */
public final class CredentialsSecretProvider implements SecretProvider {

    /** The engine's name of the DataOS Prime API key. */
    public static final String PRIME_API_KEY = "prime-api-key";
    /** The engine's name of the PostgreSQL password (backups, restores, data-integrity checks). */
    public static final String POSTGRES_PASSWORD = "postgres-password";

    private final Map<String, Secret> secrets;

    private CredentialsSecretProvider(Map<String, Secret> secrets) {
        this.secrets = secrets;
    }

    /**
     * Resolves every {@code secret name -> credentials id} pair (null or blank ids are skipped: that secret is
     * then simply not configured).
     */
    public static CredentialsSecretProvider resolve(Run<?, ?> run, Map<String, String> credentialIds,
            SecretMasker masker) throws AbortException {
        Map<String, Secret> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : credentialIds.entrySet()) {
            String name = entry.getKey();
            String id = entry.getValue();
            if (id == null || id.isBlank()) {
                continue;
            }
            IdCredentials found = CredentialsProvider.findCredentialById(id, IdCredentials.class, run);
            if (found == null) {
                throw new AbortException(Messages.format("Credentials.Missing", id, name));
            }
            if (!(found instanceof StringCredentials)) {
                throw new AbortException(Messages.format("Credentials.WrongType", id, name, kind(found)));
            }
            CredentialsProvider.track(run, found);
            String value = ((StringCredentials) found).getSecret().getPlainText();
            if (value.isEmpty()) {
                throw new AbortException(Messages.format("Credentials.Empty", id, name));
            }
            Secret secret = Secret.of(name, value);
            masker.add(secret);
            resolved.put(name, secret);
        }
        return new CredentialsSecretProvider(resolved);
    }

    @Override
    public Optional<Secret> find(String name) {
        return Optional.ofNullable(secrets.get(name));
    }

    private static String kind(IdCredentials c) {
        try {
            return "'" + c.getDescriptor().getDisplayName() + "'";
        } catch (RuntimeException noDescriptor) {
            return c.getClass().getSimpleName();
        }
    }
}
