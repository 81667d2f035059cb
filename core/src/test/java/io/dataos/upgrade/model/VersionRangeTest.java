package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionRangeTest {

    @Test
    void spaceSeparatedComparatorsMeanAnd() {
        VersionRange range = VersionRange.parse(">=1.28 <1.31");

        assertThat(range.contains(ComponentVersion.parse("1.28"))).isTrue();
        assertThat(range.contains(ComponentVersion.parse("1.30.9"))).isTrue();
        assertThat(range.contains(ComponentVersion.parse("1.31"))).isFalse();
        assertThat(range.contains(ComponentVersion.parse("1.27.15"))).isFalse();
    }

    @Test
    void caretTildeWildcardHyphenAndOrFormsWork() {
        assertThat(VersionRange.parse("^2.4").contains(ComponentVersion.parse("2.9.0"))).isTrue();
        assertThat(VersionRange.parse("^2.4").contains(ComponentVersion.parse("3.0.0"))).isFalse();
        assertThat(VersionRange.parse("~1.9").contains(ComponentVersion.parse("1.9.7"))).isTrue();
        assertThat(VersionRange.parse("~1.9").contains(ComponentVersion.parse("1.10.0"))).isFalse();
        assertThat(VersionRange.parse("1.x").contains(ComponentVersion.parse("1.99"))).isTrue();
        assertThat(VersionRange.parse("1.2 - 1.4").contains(ComponentVersion.parse("1.3.5"))).isTrue();
        assertThat(VersionRange.parse(">=14 || ~13.9").contains(ComponentVersion.parse("13.9.2"))).isTrue();
        assertThat(VersionRange.parse(">=14 || ~13.9").contains(ComponentVersion.parse("12.0"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {">=1.0; rm -rf /", ">=$(id)", ">=1.0 `x`", "", ">=", "banana", ">=1.0\n<2.0", "'>=1.0'"})
    void rangesWithForeignCharactersOrBadSyntaxAreRefused(String text) {
        assertThatThrownBy(() -> VersionRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("range");
    }
}
