package io.dataos.upgrade.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.Release;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class StrictYamlTest {

    private static final StrictYaml.Format FORMAT = new StrictYaml.Format("a checks file", "docs/verification.md",
            "write 'checks:'", "use ");

    record Check(String name, List<String> command) {}

    record Checks(List<Check> checks) {}

    private static String release() throws Exception {
        return Files.readString(Fixtures.example("release-1.5.yaml"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aDeviceThatNeverEndsIsRefusedAfterABoundedRead() {
        assertThatThrownBy(() -> Manifests.readRelease(Path.of("/dev/zero")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/dev/zero: (file): is larger than 16 MiB: a manifest is far smaller; check that this is the"
                        + " right file");
    }

    @Test
    void utf16AndUtf32AreRefusedWithAPlainMessage() throws Exception {
        String text = release();
        for (byte[] bytes : List.of(text.getBytes(StandardCharsets.UTF_16), text.getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(StandardCharsets.UTF_16BE), text.getBytes("UTF-32"))) {
            assertThatThrownBy(() -> Manifests.readRelease(bytes, "release.yaml"))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("release.yaml: (file): is encoded as UTF-")
                    .hasMessageEndingWith("not UTF-8: save it as UTF-8");
        }
    }

    @Test
    void bytesThatAreNotUtf8AreNamedWithoutAJavaExceptionName() throws Exception {
        byte[] latin1 = (release() + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> Manifests.readRelease(latin1, "release.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release.yaml: (file): is not UTF-8 text (line ")
                .hasMessageEndingWith("save it as UTF-8")
                .message().doesNotContain("Exception", "java.");
    }

    @Test
    void aUtf8ByteOrderMarkIsUtf8() throws Exception {
        byte[] text = release().getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[text.length + 3];
        withMark[0] = (byte) 0xef;
        withMark[1] = (byte) 0xbb;
        withMark[2] = (byte) 0xbf;
        System.arraycopy(text, 0, withMark, 3, text.length);

        Release release = Manifests.readRelease(withMark, "release.yaml");
        assertThat(release.version()).hasToString("1.5.0");
    }

    @Test
    void anUnknownKeyIsEchoedWithoutItsTerminalEscapes() throws Exception {
        // a double-quoted key may spell escapes (\e is ESC), which the YAML parser turns into raw ones
        String yaml = release().replace("\ndowntime:", "\n\"\\e[2J\\e[31mdowntme\":");

        assertThatThrownBy(() -> Manifests.readRelease(yaml.getBytes(StandardCharsets.UTF_8), "release.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release.yaml: \\u001b[2J\\u001b[31mdowntme: is not a known field here: ")
                .message().doesNotContain("\u001b");
    }

    @Test
    void aLookAlikeKeyIsSaidNotToBeAscii() throws Exception {
        String yaml = release().replace("\ndowntime:", "\ndownt\u0456me:"); // CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I

        assertThatThrownBy(() -> Manifests.readRelease(yaml.getBytes(StandardCharsets.UTF_8), "release.yaml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release.yaml: downt\\u0456me: is not a known field here: ")
                .hasMessageContaining("which is not ASCII")
                .hasMessageContaining("did you mean 'downtime'?");
    }

    @Test
    void recordsAreBoundStrictlyWithTheFieldPath() {
        Checks checks = StrictYaml.read("checks:\n  - name: a\n    command: [kubectl, get, pods]\n"
                .getBytes(StandardCharsets.UTF_8), "checks.yaml", FORMAT, Checks.class).value();
        assertThat(checks.checks()).containsExactly(new Check("a", List.of("kubectl", "get", "pods")));

        assertThatThrownBy(() -> StrictYaml.read("checks:\n  - name: a\n    comand: [x]\n".getBytes(
                StandardCharsets.UTF_8), "checks.yaml", FORMAT, Checks.class))
                .hasMessage("checks.yaml: checks[0].comand: is not a known field here: did you mean 'command'? use"
                        + " command, name (line 3)");
        assertThatThrownBy(() -> StrictYaml.read("checks:\n  - name: a\n    command: kubectl get pods\n".getBytes(
                StandardCharsets.UTF_8), "checks.yaml", FORMAT, Checks.class))
                .hasMessageStartingWith("checks.yaml: checks[0].command: is a single value, not a list");
        assertThatThrownBy(() -> StrictYaml.read("checks:\n  - name: a\n    name: b\n".getBytes(
                StandardCharsets.UTF_8), "checks.yaml", FORMAT, Checks.class))
                .hasMessage("checks.yaml: checks[0].name: is given twice (line 3): keep one");
    }

    @Test
    void aliasesAreRefusedBecauseJacksonWouldReadTheirName() {
        byte[] yaml = "checks:\n  - name: &n first\n    command: [x]\n  - name: *n\n    command: [y]\n"
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StrictYaml.read(yaml, "checks.yaml", FORMAT, Checks.class))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("checks.yaml: checks[1].name: uses a YAML anchor or alias (line 4): write the value out in"
                        + " full");
    }
}
