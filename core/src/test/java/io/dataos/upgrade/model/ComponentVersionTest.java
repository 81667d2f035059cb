package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ComponentVersionTest {

    @Test
    void majorMinorStackVersionsAreAcceptedAndEqualTheirFullForm() {
        ComponentVersion flare = ComponentVersion.parse("6.0");

        assertThat(flare).isEqualTo(ComponentVersion.parse("6.0.0"));
        assertThat(flare.major()).isEqualTo(6);
        assertThat(flare.minor()).isZero();
        assertThat(flare).hasToString("6.0");
    }

    @Test
    void versionsCompareNumericallyNotAsText() {
        List<ComponentVersion> versions = new ArrayList<>(List.of(ComponentVersion.parse("1.10.0"),
                ComponentVersion.parse("1.9.2"), ComponentVersion.parse("1.10.1"), ComponentVersion.parse("2.0.0-rc.1"),
                ComponentVersion.parse("2.0.0"), ComponentVersion.parse("1.2.3")));
        Collections.shuffle(versions);
        Collections.sort(versions);

        assertThat(versions).extracting(ComponentVersion::toString)
                .containsExactly("1.2.3", "1.9.2", "1.10.0", "1.10.1", "2.0.0-rc.1", "2.0.0");
        assertThat(ComponentVersion.parse("1.10").compareTo(ComponentVersion.parse("1.9"))).isPositive();
    }

    @Test
    void buildMetadataMakesADifferentArtifactButNoDifferentPrecedenceOrder() {
        ComponentVersion a = ComponentVersion.parse("1.4.0+build.1");
        ComponentVersion b = ComponentVersion.parse("1.4.0+build.2");

        assertThat(a).isNotEqualTo(b);
        assertThat(a.changeTo(b).type()).isEqualTo(VersionChange.Type.PATCH);
        assertThat(a.compareTo(ComponentVersion.parse("1.4.1"))).isNegative();
    }

    @Test
    void changesAreClassifiedByTheHighestPartThatMovesAndTheirDirection() {
        assertThat(change("3.0.0", "2.4.0")).extracting(VersionChange::type, VersionChange::direction)
                .containsExactly(VersionChange.Type.MAJOR, VersionChange.Direction.DOWNGRADE);
        assertThat(change("1.10.0", "1.9.2")).extracting(VersionChange::type, VersionChange::direction)
                .containsExactly(VersionChange.Type.MINOR, VersionChange.Direction.DOWNGRADE);
        assertThat(change("1.12.0", "1.12.1")).extracting(VersionChange::type, VersionChange::direction)
                .containsExactly(VersionChange.Type.PATCH, VersionChange.Direction.UPGRADE);
        assertThat(change("6.0", "6.0.0")).extracting(VersionChange::type, VersionChange::direction)
                .containsExactly(VersionChange.Type.NONE, VersionChange.Direction.NONE);
        assertThat(change("2.0.0-rc.1", "2.0.0")).extracting(VersionChange::type, VersionChange::direction)
                .containsExactly(VersionChange.Type.PATCH, VersionChange.Direction.UPGRADE);
        assertThat(change("5.0", "6.0").isMajor()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3; rm -rf /", "$(x)", "`id`", "1.2.3 && reboot", "1.2.3|cat", "1.2.3\n", " 1.2.3",
        "１.２.３", "1.٢.3", "v1.2.3", "1", "1.2.3.4", "01.2.3", "1.2.x", "latest", "1.2.3-", "1.2.3+", "1..2",
        "1.2.3-rc#1", "6.0'", "\"6.0\""})
    void anythingButMajorMinorOrSemverIsRefusedWithTheAcceptedForms(String text) {
        assertThatThrownBy(() -> ComponentVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("major.minor");
        assertThat(ComponentVersion.isValid(text)).isFalse();
    }

    @Test
    void aRefusedVersionNamesItsFileAndField() {
        assertThatThrownBy(() -> ComponentVersion.parse("$(x)", "release-1.5.yaml", "coreKernel[2].version"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("release-1.5.yaml: coreKernel[2].version: '$(x)' is not a version")
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("coreKernel[2].version"));
    }

    @Test
    void anOverlongVersionIsRefused() {
        assertThatThrownBy(() -> ComponentVersion.parse("1.2.3-" + "a".repeat(200)))
                .hasMessageContaining("longer than");
    }

    @Test
    void controlCharactersInARefusedVersionAreNotEchoedRaw() {
        assertThatThrownBy(() -> ComponentVersion.parse("1.2\u001b[31m"))
                .hasMessageContaining("\\u001b")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    private static VersionChange change(String from, String to) {
        return ComponentVersion.parse(from).changeTo(ComponentVersion.parse(to));
    }
}
