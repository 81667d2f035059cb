package io.dataos.upgrade.secret;

import io.dataos.upgrade.api.SecretProvider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one masker ({@link Secret#mask}) and the length rule where secrets are read ({@link CheckedSecrets}). */
class SecretMaskTest {

    private static String mask(String text, Secret... secrets) {
        return Secret.mask(text, List.of(secrets));
    }

    @Test
    void aShorterSecretThatIsAPrefixOfALongerOneLeavesNoTailOfIt() {
        Secret shorter = Secret.of("a", "s3cr3t");
        Secret longer = Secret.of("b", "s3cr3t-LONGER-PART");

        assertThat(mask("key=s3cr3t-LONGER-PART end", shorter, longer)).isEqualTo("key=**** end");
        assertThat(mask("key=s3cr3t-LONGER-PART end", longer, shorter)).isEqualTo("key=**** end");
        assertThat(mask("a s3cr3t b", shorter, longer)).isEqualTo("a **** b");
    }

    @Test
    void overlappingSecretsAreHiddenAsOneStretch() {
        assertThat(mask("x abcdefghi y", Secret.of("a", "abcdef"), Secret.of("b", "defghi"))).isEqualTo("x **** y");
    }

    @Test
    void base64UrlEncodedAndJsonEscapedFormsAreHidden() {
        String value = "p@ss w/\"quote\"&more";
        Secret secret = Secret.of("pw", value);
        String b64 = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        String json = value.replace("\"", "\\\"");

        assertThat(mask("data: " + b64, secret)).isEqualTo("data: ****");
        assertThat(mask("data: " + b64.replace("=", ""), secret)).doesNotContain(b64.replace("=", ""));
        assertThat(mask("https://h/?pw=" + url, secret)).isEqualTo("https://h/?pw=****");
        assertThat(mask("{\"pw\":\"" + json + "\"}", secret)).isEqualTo("{\"pw\":\"****\"}");
        // inside a longer base64 text (a whole values file encoded), at every byte offset
        for (String before : List.of("a", "ab", "abc")) {
            String encoded = Base64.getEncoder().encodeToString((before + value + "tail").getBytes(StandardCharsets.UTF_8));
            assertThat(mask(encoded, secret)).as("after '" + before + "'").contains("****")
                    .hasSizeLessThan(encoded.length() - 12);
        }
    }

    @Test
    void aMultiLineSecretIsHiddenWholeAndLineByLine() {
        String key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nYdG4e8x2Qm3LmNOpq\n-----END KEY-----";
        Secret secret = Secret.of("tls-key", key);
        String output = "helm says:\n" + key + "\ndone";

        assertThat(mask(output, secret)).isEqualTo("helm says:\n****\ndone");
        List<String> lineByLine = new ArrayList<>();
        for (String line : output.split("\n")) {
            lineByLine.add(mask(line, secret));
        }
        assertThat(String.join("\n", lineByLine)).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "YdG4e8x2Qm3LmNOpq")
                .startsWith("helm says:\n****");
        assertThat(mask(key.replace("\n", "\r\n"), secret)).isEqualTo("****");
        assertThat(mask(key.replace("\n", "\\n"), secret)).isEqualTo("****");
    }

    @Test
    void aCommonWordSecretIsMaskedInTextOnly() {
        Secret word = Secret.of("prime-api-key", "dataos");

        assertThat(mask("upgrading dataos-manager", word)).isEqualTo("upgrading ****-manager");
        assertThat(mask(null, word)).isNull();
        assertThat(mask("nothing here", word)).isEqualTo("nothing here");
    }

    @Test
    void aSecretShorterThanFourCharactersIsRefusedNamingItAndOneShorterThanEightIsWarned() {
        Map<String, String> values = Map.of("prime-api-key", "abc", "postgres-password", "dataos", "token",
                "long-enough-value");
        List<String> warnings = new ArrayList<>();
        SecretProvider checked = CheckedSecrets.of(name -> Optional.ofNullable(values.get(name))
                .map(v -> Secret.of(name, v)), warnings::add);

        assertThatThrownBy(() -> checked.find("prime-api-key")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("secret 'prime-api-key'").hasMessageContaining("3 character(s)")
                .hasMessageContaining("PRIME_API_KEY").satisfies(e -> assertThat(e.getMessage()).doesNotContain("abc"));
        assertThat(checked.find("postgres-password")).isPresent();
        assertThat(checked.find("postgres-password")).isPresent();
        assertThat(warnings).hasSize(1).allMatch(w -> w.contains("'postgres-password' is only 6 characters"))
                .noneMatch(w -> w.contains("dataos"));
        assertThat(checked.find("token")).isPresent();
        assertThat(warnings).hasSize(1);
        assertThat(checked.find("absent")).isEmpty();
    }
}
