package io.dataos.upgrade.suitescan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every secret value a test source declares is in test-secrets.txt, so the suite-wide scan searches for it. */
class TestSecretsAreListedTest {

    @Test
    void everySecretLiteralInTheTestSourcesIsCoveredByTheList() throws Exception {
        TestSecretList list = TestSecretList.read(SuiteRoot.secretList());
        List<String> uncovered = new ArrayList<>();
        int sources = 0;
        for (Path module : SuiteRoot.otherModules()) {
            Path tests = module.resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(tests)) {
                for (Path source : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    sources++;
                    for (String literal : SecretLiteralFinder.find(Files.readString(source, StandardCharsets.UTF_8))) {
                        if (!list.covers(literal)) {
                            uncovered.add(SuiteRoot.root().relativize(source) + ": \"" + literal + "\"");
                        }
                    }
                }
            }
        }
        assertThat(sources).isGreaterThan(50);
        assertThat(uncovered).as("add each value to test-secrets.txt (or, if it is a name, as not-a-secret:)")
                .isEmpty();
    }

    @Test
    void theFinderSeesSecretValuesInEveryPlaceATestDeclaresThem() {
        String source = """
                static final String KEY = "prime-1a2b3c";
                private static final String GRAFANA_TOKEN = "graf-77aa";
                Secret s = Secret.of("prime-api-key", "pk-inline-99");
                TestCredentials.secretText("dataos-prime-key", "cred-5e5e");
                helm.upgradeInstall(install().withSecretValue("primeApiKey", "sv-1234"));
                String password = "pw-local-1";
                String name = "prime-api-key-not-a-value";
                """;

        assertThat(SecretLiteralFinder.find(source)).containsExactlyInAnyOrder("prime-1a2b3c", "graf-77aa",
                "pk-inline-99", "cred-5e5e", "sv-1234", "pw-local-1");
    }
}
