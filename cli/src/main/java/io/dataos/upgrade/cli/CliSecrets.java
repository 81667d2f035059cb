package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.Secrets;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The CLI's secrets: a secret named {@code prime-api-key} is read from the file given for it
 * ({@code --prime-api-key-file}, {@code --secret-file prime-api-key=FILE}), else from the environment
 * variable {@code PRIME_API_KEY}. A key file must be readable by its owner only: one the group or
 * others can read is refused, naming the file and the {@code chmod} that fixes it. Values are read
 * once, a trailing line end dropped; they are never printed.
 */
final class CliSecrets implements Secrets {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final Map<String, Secret> fromFiles;
    private final Function<String, String> environment;

    private CliSecrets(Map<String, Secret> fromFiles, Function<String, String> environment) {
        this.fromFiles = fromFiles;
        this.environment = environment;
    }

    /**
     * Reads every key file now, so a bad one is refused before anything runs.
     *
     * @param files secret name to key file, with the option that named it for messages
     * @throws InvalidInputException for a missing, empty or group/world-readable file
     */
    static CliSecrets of(Map<String, Named> files, Function<String, String> environment) throws IOException {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, Named> e : files.entrySet()) {
            secrets.put(e.getKey(), Secret.of(e.getKey(), readKeyFile(e.getValue().option(), e.getValue().file())));
        }
        return new CliSecrets(secrets, environment);
    }

    /** A key file and the option that named it. */
    record Named(String option, Path file) {
    }

    @Override
    public Optional<Secret> find(String name) {
        Secret fromFile = fromFiles.get(name);
        if (fromFile != null) {
            return Optional.of(fromFile);
        }
        String value = environment.apply(environmentName(name));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(Secret.of(name, value));
    }

    /** {@code prime-api-key} -> {@code PRIME_API_KEY}. */
    static String environmentName(String secret) {
        return SecretNames.environmentVariable(secret);
    }

    static String readKeyFile(String option, Path file) throws IOException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(option, file.toString(), "is not a file: give the file holding the"
                        + " secret");
            }
            try {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
                Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
                shared.addAll(mode);
                shared.retainAll(SHARED);
                if (!shared.isEmpty()) {
                    throw new InvalidInputException(option, file.toString(), "is readable or writable by group or"
                            + " others (mode " + PosixFilePermissions.toString(mode) + "): a secret file must be"
                            + " readable by its owner only; run chmod 600 " + file + " (and consider the secret"
                            + " exposed if others could read it)");
                }
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX modes (Windows): nothing to check here
            }
            String value = Files.readString(file, StandardCharsets.UTF_8);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
            if (value.isBlank()) {
                throw new InvalidInputException(option, file.toString(), "is empty: put the secret in it");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(option, file.toString(), "does not exist: give the file holding the"
                    + " secret");
        }
    }
}
