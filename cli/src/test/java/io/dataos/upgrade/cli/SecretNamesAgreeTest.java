package io.dataos.upgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin runs without core, and the sandbox still names the credentials itself: where their
 * sources spell a credential name as a constant of their own, it must be the one in
 * {@link SecretNames}, or a Jenkins credential would reach the engine under a name it never asks for.
 */
class SecretNamesAgreeTest {

    private static final Pattern CONSTANT = Pattern.compile(
            "static final String (PRIME_API_KEY|POSTGRES_PASSWORD|PASSWORD_SECRET) = \"([^\"]*)\";");

    private static final Map<String, String> EXPECTED = Map.of(
            "PRIME_API_KEY", SecretNames.PRIME_API_KEY,
            "POSTGRES_PASSWORD", SecretNames.POSTGRES_PASSWORD,
            "PASSWORD_SECRET", SecretNames.POSTGRES_PASSWORD);

    @Test
    void thePluginAndTheSandboxSpellTheCredentialNamesAsTheEngineAsksForThem() throws IOException {
        List<String> plugin = constants(repository().resolve("plugin/src/main/java"));
        List<String> sandbox = constants(repository().resolve("sandbox/src/main/java"));

        assertThat(plugin).as("the plugin's own credential names").contains(
                "PRIME_API_KEY=" + SecretNames.PRIME_API_KEY, "POSTGRES_PASSWORD=" + SecretNames.POSTGRES_PASSWORD);
        for (String constant : concat(plugin, sandbox)) {
            String name = constant.substring(0, constant.indexOf('='));
            assertThat(constant).as("a credential name spelt outside the engine").isEqualTo(name + "="
                    + EXPECTED.get(name));
        }
    }

    /** Every credential-name constant under {@code sources}, as NAME=value. */
    private static List<String> constants(Path sources) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isDirectory(sources)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = CONSTANT.matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1) + "=" + m.group(2));
                }
            }
        }
        return found;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The repository root, above the module's working directory. */
    private static Path repository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("plugin"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root with plugin/").isNotNull();
        return dir;
    }
}
