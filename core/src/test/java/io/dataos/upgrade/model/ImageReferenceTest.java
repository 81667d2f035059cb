package io.dataos.upgrade.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    @Test
    void registryRepositoryAndTagAreSplit() {
        ImageReference image = ImageReference.parse("registry.example.com:5000/rubiklabs/minerva:0.5.0");

        assertThat(image.registry()).isEqualTo("registry.example.com:5000");
        assertThat(image.repository()).isEqualTo("rubiklabs/minerva");
        assertThat(image.tag()).isEqualTo("0.5.0");
        assertThat(image.digest()).isNull();
        assertThat(image).hasToString("registry.example.com:5000/rubiklabs/minerva:0.5.0");
    }

    @Test
    void aReferenceWithoutRegistryAndWithDigestIsAccepted() {
        String digest = "sha256:" + "a".repeat(64);
        ImageReference image = ImageReference.parse("rubiklabs/themis:1.2.0_build-7@" + digest);

        assertThat(image.registry()).isNull();
        assertThat(image.repository()).isEqualTo("rubiklabs/themis");
        assertThat(image.tag()).isEqualTo("1.2.0_build-7");
        assertThat(image.digest()).isEqualTo(digest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rubiklabs/minerva", "rubiklabs/minerva:", "rubiklabs/minerva:-bad", "rubiklabs/minerva:.bad",
        "rubiklabs/minerva:1.0;rm -rf /", "rubiklabs/minerva:$(id)", "RubikLabs/minerva:1.0", "rubiklabs/minerva:1.0 x",
        "rubiklabs//minerva:1.0", "rubiklabs/minerva:1.0@sha256:xyz", "bad_host!/minerva:1.0", ":1.0"})
    void invalidReferencesAreRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'");
    }

    @Test
    void aTagOf128CharactersIsTheLongestAccepted() {
        assertThat(ImageReference.parse("r/m:" + "a".repeat(128)).tag()).hasSize(128);
        assertThatThrownBy(() -> ImageReference.parse("r/m:" + "a".repeat(129))).hasMessageContaining("invalid tag");
    }
}
