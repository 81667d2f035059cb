package io.dataos.upgrade.api;

import io.dataos.upgrade.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One external command: an argv list (never a shell line), its environment additions, working
 * directory, timeout, and the secrets that must be masked wherever the command or its output is
 * shown.
 */
public record Command(
        List<String> argv, Map<String, String> env, Path workDir, Duration timeout, List<Secret> secrets) {

    public Command {
        Objects.requireNonNull(argv, "argv");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        argv = List.copyOf(argv);
        env = Map.copyOf(env == null ? Map.of() : env);
        timeout = timeout == null ? Duration.ofMinutes(10) : timeout;
        secrets = List.copyOf(secrets == null ? List.of() : secrets);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), Map.of(), null, null, List.of());
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, env, workDir, newTimeout, secrets);
    }

    public Command withWorkDir(Path dir) {
        return new Command(argv, env, dir, timeout, secrets);
    }

    public Command withEnv(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.put(name, value);
        return new Command(argv, copy, workDir, timeout, secrets);
    }

    /** The same command, with {@code secret} masked in its display and output. */
    public Command masking(Secret secret) {
        List<Secret> copy = new ArrayList<>(secrets);
        copy.add(secret);
        return new Command(argv, env, workDir, timeout, copy);
    }

    /** The argv as a person may read it: every secret value replaced by {@code ****}. */
    public String display() {
        return Secret.mask(String.join(" ", argv), secrets);
    }

    @Override
    public String toString() {
        return display();
    }
}
