package io.dataos.upgrade.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a child process of {@link LocalCommandRunner} inherits, read from a real {@code env} it starts:
 * the engine's environment minus the secret variables and every variable holding a secret's value,
 * with what kubectl's credential plugins and cloud CLIs need kept.
 */
class ChildEnvironmentTest {

    // values listed in test-secrets.txt
    private static final String PRIME_KEY = "pk-TEST-9f3c1e7a-do-not-leak";
    private static final String PG_PASSWORD = "pg-pw-Hk4Rt8Mn2C";
    private static final String HOOK_TOKEN = "hook-tok-Wc3Ne9Tg7A";

    private static Map<String, String> engineEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", "/home/ops");
        env.put("KUBECONFIG", "/home/ops/.kube/prod");
        env.put("AWS_PROFILE", "prod");
        env.put("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
        env.put("AWS_SECRET_ACCESS_KEY", "cloud-credential-the-cli-needs");
        env.put("GOOGLE_APPLICATION_CREDENTIALS", "/home/ops/gcp.json");
        env.put("AZURE_CONFIG_DIR", "/home/ops/.azure");
        env.put("PRIME_API_KEY", PRIME_KEY);
        env.put("POSTGRES_PASSWORD", PG_PASSWORD);
        env.put("SMTP_PASSWORD", HOOK_TOKEN);
        env.put("COPY_OF_THE_KEY", PRIME_KEY);
        env.put("DATABASE_URL", "postgres://dataos:" + PG_PASSWORD + "@db.internal/dataos");
        env.put("SHORT_SECRET_IN_A_WORD", "shorthand");
        env.put("SHORT_SECRET_ITSELF", "shor");
        return env;
    }

    @Test
    void theEnginesSecretVariablesAreNotInheritedEvenBeforeTheyAreRead() throws Exception {
        Map<String, String> child = runEnv(new LocalCommandRunner(50, ChildEnvironmentTest::engineEnvironment),
                Command.of("env"));

        assertThat(child).doesNotContainKeys("PRIME_API_KEY", "POSTGRES_PASSWORD");
        assertThat(child).containsEntry("HOME", "/home/ops").containsEntry("KUBECONFIG", "/home/ops/.kube/prod")
                .containsEntry("AWS_PROFILE", "prod").containsEntry("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
                .containsEntry("AWS_SECRET_ACCESS_KEY", "cloud-credential-the-cli-needs")
                .containsKeys("PATH", "GOOGLE_APPLICATION_CREDENTIALS", "AZURE_CONFIG_DIR");
    }

    @Test
    void everySecretReadAndEveryVariableHoldingItsValueIsWithheld() throws Exception {
        LocalCommandRunner runner = new LocalCommandRunner(50, ChildEnvironmentTest::engineEnvironment);
        runner.withhold(Secret.of("prime-api-key", PRIME_KEY));
        runner.withhold(Secret.of("postgres-password", PG_PASSWORD));
        runner.withhold(Secret.of("smtp-password", HOOK_TOKEN));
        runner.withhold(Secret.of("short", "shor"));

        Map<String, String> child = runEnv(runner, Command.of("env"));

        assertThat(child).doesNotContainKeys("PRIME_API_KEY", "POSTGRES_PASSWORD", "SMTP_PASSWORD", "COPY_OF_THE_KEY",
                "DATABASE_URL", "SHORT_SECRET_ITSELF");
        assertThat(child).as("a short secret inside a longer value is not taken for it")
                .containsEntry("SHORT_SECRET_IN_A_WORD", "shorthand");
        assertThat(child).containsKeys("PATH", "HOME", "KUBECONFIG", "AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void aCommandsOwnEnvironmentStillReachesItAndTheSettingsMayNarrowTheRest() throws Exception {
        LocalCommandRunner runner = new LocalCommandRunner(50, ChildEnvironmentTest::engineEnvironment);
        runner.withhold(Secret.of("postgres-password", PG_PASSWORD));
        runner.withholdVariables(List.of("AWS_PROFILE"));

        Map<String, String> child = runEnv(runner, Command.of("env").withEnv("PGPASSWORD", PG_PASSWORD));

        assertThat(child.get("PGPASSWORD")).as("psql's own password variable").isEqualTo(PG_PASSWORD);
        assertThat(child).doesNotContainKeys("POSTGRES_PASSWORD", "DATABASE_URL", "AWS_PROFILE");
    }

    @Test
    void theRealEnvironmentsSecretVariablesAreNotInherited() throws Exception {
        // the default runner reads this JVM's environment: whatever it holds, the secret names never pass
        Map<String, String> child = runEnv(new LocalCommandRunner(), Command.of("env"));

        assertThat(child).doesNotContainKeys("PRIME_API_KEY", "POSTGRES_PASSWORD").containsKey("PATH");
    }

    private static Map<String, String> runEnv(LocalCommandRunner runner, Command command) throws Exception {
        List<String> lines = new ArrayList<>();
        CommandResult result = runner.run(command, lines::add);
        assertThat(result.exitCode()).isZero();
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
