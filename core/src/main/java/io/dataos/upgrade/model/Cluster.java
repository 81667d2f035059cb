package io.dataos.upgrade.model;

import java.util.Objects;

/** A User Space compute cluster and the image it runs; a rollback reverts the image. */
public record Cluster(String name, ImageReference image) {

    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
    }
}
