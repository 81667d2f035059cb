package io.jenkins.plugins.dataos;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.AbortException;
import hudson.model.Run;
import io.dataos.upgrade.secret.Secret;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The secrets a step hands the engine, from "Secret text" credentials: each secret name the engine reads
 * ({@code prime-api-key}, {@code postgres-password}, any other the settings name) maps to a credential id given as
 * a step argument. Every id is resolved up front, as the build's identity, before anything starts; a missing or
 * wrong-type id fails the step naming the id and the fix. Each use is recorded on the build
 * ({@code CredentialsProvider.track}) and each value joins the build log's masking. The values exist only while
 * the execution runs in this JVM: they are never serialized, and after a controller restart they are resolved
 * again, for masking only.
 */
final class StepCredentials {

    /** The engine's name of the DataOS Prime API key. */
    static final String PRIME_API_KEY = "prime-api-key";
    /** The engine's name of the PostgreSQL password (backups, restores, data-integrity checks). */
    static final String POSTGRES_PASSWORD = "postgres-password";

    private StepCredentials() {
    }

    /**
     * Resolves every {@code secret name -> credentials id} pair into the engine's environment variables
     * ({@code prime-api-key} becomes {@code PRIME_API_KEY}), adding each value to {@code masker}.
     */
    static Map<String, String> resolve(Run<?, ?> run, Map<String, String> credentialIds, SecretMasker masker)
            throws AbortException {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : credentialIds.entrySet()) {
            String name = entry.getKey();
            String id = entry.getValue();
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
            masker.add(Secret.of(name, value));
            environment.put(environmentName(name), value);
        }
        return environment;
    }

    /** The environment variable the engine reads secret {@code name} from: {@code prime-api-key -> PRIME_API_KEY}. */
    static String environmentName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static String kind(IdCredentials c) {
        try {
            return "'" + c.getDescriptor().getDisplayName() + "'";
        } catch (RuntimeException noDescriptor) {
            return c.getClass().getSimpleName();
        }
    }
}
