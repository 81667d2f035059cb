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
    void printableTextIncludingNonAsciiLettersIsKept() {
        String name = "José Müller <jose@acme.example> (on call)";
        assertThat(FreeText.neutral(name)).isSameAs(name);
        assertThat(FreeText.neutral(null)).isNull();
    }
}
