package io.dataos.upgrade.model;

import java.util.List;

/** The User Space layer: stacks (unique by name and version) and clusters (unique by name), in manifest order. */
public record UserSpace(List<Stack> stacks, List<Cluster> clusters) {

    public UserSpace {
        stacks = List.copyOf(stacks == null ? List.of() : stacks);
        clusters = List.copyOf(clusters == null ? List.of() : clusters);
    }
}
