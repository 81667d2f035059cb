package io.jenkins.plugins.dataos;

import static io.jenkins.plugins.dataos.RunbookFixture.KEY;
import static io.jenkins.plugins.dataos.RunbookFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.process.LocalCommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of the steps that run the runbook share: a real PostgreSQL for the class, and for each test a
 * workspace, the test doubles' bin directory, an agent root, the platform ({@link RunbookFixture}) running the
 * release {@link #running} chooses, and the Prime key, Grafana token and database password as credentials.
 */
abstract class RunbookPlatformTest {

    static LocalPostgresCluster postgres;

    @TempDir
    Path workspace;
    @TempDir
    Path bin;
    @TempDir
    Path agent;
    RunbookFixture platform;

    @BeforeAll
    static void database() throws Exception {
        postgres = LocalPostgresCluster.start(new LocalCommandRunner(), null);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void platform() throws Exception {
        TestCredentials.reset();
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.secretText("dataos-grafana-token", TOKEN);
        TestCredentials.secretText("dataos-postgres-password", postgres.password().reveal());
        platform = running(new RunbookFixture(workspace, bin, postgres));
    }

    @AfterEach
    void closePlatform() {
        platform.close();
        TestCredentials.reset();
    }

    /** The release the platform runs when a test starts. */
    abstract RunbookFixture running(RunbookFixture fresh) throws IOException;

    /** No secret in the build log, the step's result or any file the step left in the workspace. */
    void noSecretLeft(TestStepContext context, Map<String, Object> result) throws Exception {
        for (String secret : List.of(KEY, TOKEN, postgres.password().reveal())) {
            assertThat(context.log()).as("build log").doesNotContain(secret);
            assertThat(String.valueOf(result)).as("result").doesNotContain(secret);
            assertThat(Steps.filesContaining(workspace, secret)).as("workspace files holding a secret").isEmpty();
        }
    }
}
