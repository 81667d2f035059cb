package io.dataos.upgrade.verify;

import io.dataos.upgrade.model.Layer;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A probe proving that one DataOS layer reaches another: either a TCP connection to
 * {@code tcpHost:tcpPort} or an HTTP GET of {@code url} answering one of {@code expectStatus}. The
 * check's layer is the calling side ({@code from}).
 */
public record InterLayerCheck(CheckBasics basics, Layer from, Layer to, String tcpHost, int tcpPort, URI url,
        Set<Integer> expectStatus) implements Check {

    public InterLayerCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if ((url == null) == (tcpHost == null)) {
            throw new IllegalArgumentException("an inter-layer probe is either tcp or http");
        }
        expectStatus = expectStatus == null || expectStatus.isEmpty() ? Set.of(200) : Set.copyOf(expectStatus);
    }

    @Override
    public CheckType type() {
        return CheckType.INTER_LAYER;
    }

    public boolean isTcp() {
        return tcpHost != null;
    }

    /** The direction as people say it, e.g. {@code CORE_KERNEL → CLOUD_KERNEL}. */
    public String direction() {
        return from + " → " + to;
    }
}
