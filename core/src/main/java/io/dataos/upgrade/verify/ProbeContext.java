package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.Workspace;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What probes may use: the command runner, the workspace, an HTTP client, the programs to call, and
 * the secret provider, through {@link #secret} so that every secret a check touched is masked in its
 * result.
 */
final class ProbeContext {

    final CommandRunner runner;
    final Workspace workspace;
    final HttpClient http;
    final String kubectl;
    final String helm;
    final Consumer<String> log;
    private final SecretProvider secrets;
    private final List<Secret> used = new CopyOnWriteArrayList<>();

    ProbeContext(CommandRunner runner, SecretProvider secrets, Workspace workspace, HttpClient http, String kubectl,
            String helm, Consumer<String> log) {
        this.runner = runner;
        this.secrets = secrets;
        this.workspace = workspace;
        this.http = http;
        this.kubectl = kubectl;
        this.helm = helm;
        this.log = log;
    }

    /** The secret called {@code name}; remembered so results are masked with it. */
    Secret secret(String name) {
        Secret secret = secrets.require(name);
        used.add(secret);
        return secret;
    }

    List<Secret> usedSecrets() {
        return List.copyOf(used);
    }

    /** A context for one check: same tools, its own record of secrets used. */
    ProbeContext forCheck(String checkName) {
        return new ProbeContext(runner, secrets, workspace, http, kubectl, helm,
                line -> log.accept("[" + checkName + "] " + line));
    }
}
