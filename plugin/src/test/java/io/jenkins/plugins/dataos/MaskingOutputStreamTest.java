package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The masking every byte of step output goes through. */
class MaskingOutputStreamTest {

    static final String KEY = "prime-9f3c2a71d4e8";

    @Test
    void secretWrittenOneByteAtATimeIsMasked() {
        SecretMasker masker = new SecretMasker();
        masker.add(Secret.of("prime-api-key", KEY));
        List<String> out = new ArrayList<>();
        MaskingOutputStream stream = new MaskingOutputStream(masker, List.of(), out::add);

        for (byte b : ("token=" + KEY + "\nnext").getBytes(StandardCharsets.UTF_8)) {
            stream.write(b);
        }
        stream.close();

        assertThat(out).containsExactly("token=****\n", "next");
    }

    @Test
    void secretStraddlingTheCutOfAnOverlongLineIsStillMasked() {
        SecretMasker masker = new SecretMasker();
        masker.add(Secret.of("prime-api-key", KEY));
        List<String> out = new ArrayList<>();
        MaskingOutputStream stream = new MaskingOutputStream(masker, List.of(), out::add);
        String filler = "x".repeat(MaskingOutputStream.MAX_LINE - 5);

        stream.write((filler + KEY + "tail\n").getBytes(StandardCharsets.UTF_8), 0,
                filler.length() + KEY.length() + 5);
        stream.close();

        String all = String.join("", out);
        assertThat(out).hasSizeGreaterThan(1);
        assertThat(all).doesNotContain(KEY).isEqualTo(filler + "****tail\n");
    }

    @Test
    void secretAddedAfterTheStreamWasMadeIsMaskedFromThenOn() {
        SecretMasker masker = new SecretMasker();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stream = masker.printStream(log);

        stream.println("before any secret");
        masker.add(Secret.of("postgres-password", "pg-Secr3t-value"));
        stream.println("password is pg-Secr3t-value");

        assertThat(log.toString(StandardCharsets.UTF_8))
                .isEqualTo("before any secret" + System.lineSeparator() + "password is ****" + System.lineSeparator());
    }
}
