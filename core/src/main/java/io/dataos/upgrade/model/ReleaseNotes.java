package io.dataos.upgrade.model;

import java.util.List;

/** A release's notes: what is new, what breaks, and where the full notes are published. */
public record ReleaseNotes(List<String> highlights, List<String> breaking, String url) {

    public static final ReleaseNotes NONE = new ReleaseNotes(List.of(), List.of(), null);

    public ReleaseNotes {
        highlights = List.copyOf(highlights == null ? List.of() : highlights);
        breaking = List.copyOf(breaking == null ? List.of() : breaking);
    }
}
