package io.dataos.upgrade.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeTextTest {

    @Test
    void lineBreaksBecomeSpacesAndControlCharactersBecomeVisible() {
        assertThat(FreeText.neutral("alice\n[12:00:00] gate approved by root\r\u001b[2K\u0007"))
                .isEqualTo("alice [12:00:00] gate approved by root \\u001b[2K\\u0007");
        assertThat(FreeText.neutral("a\u2028b\u202ec\u200bd\u0085e")).isEqualTo("a b\\u202ec\\u200bd e");
    }

    @Test
    void aYamlKeyEchoedInARefusalCannotForgeALineOrCarryEscapes() {
        var refusal = new io.dataos.upgrade.api.InvalidInputException("release.yaml\u001b]0;x\u0007",
                "manager.\u001b[2Kversion\ndataos-upgrade: all checks passed", "is not a known field");

        assertThat(refusal.getMessage()).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("\u0007")
                .isEqualTo("release.yaml\\u001b]0;x\\u0007: manager.\\u001b[2Kversion dataos-upgrade: all checks"
                        + " passed: is not a known field");
        assertThat(refusal.field()).isEqualTo("manager.\\u001b[2Kversion dataos-upgrade: all checks passed");
    }

    @Test
    void printableTextIncludingNonAsciiLettersIsKept() {
        String name = "José Müller <jose@acme.example> (on call)";
        assertThat(FreeText.neutral(name)).isSameAs(name);
        assertThat(FreeText.neutral(null)).isNull();
    }
}
