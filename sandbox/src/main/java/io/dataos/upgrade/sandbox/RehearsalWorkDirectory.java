package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The work directory of a rehearsal, made ready for a fresh run. A rehearsal cannot be resumed:
 * its sandbox API and its PostgreSQL live only as long as the process, so a journal left by an
 * earlier rehearsal describes a cluster and a database that no longer exist. Resuming it against
 * a new sandbox is what made a second rehearsal in the same directory end "UNEXPECTED".
 * {@link #startFresh} therefore clears what a previous rehearsal wrote, and only that: a
 * non-empty directory that no rehearsal wrote is refused, never emptied.
 */
final class RehearsalWorkDirectory {

    /** Written into every rehearsal's work directory; its presence is what allows clearing it. */
    static final String MARKER = ".dataos-rehearsal";

    /** What a rehearsal writes under its work directory (besides the marker). */
    static final List<String> OWN_ENTRIES = List.of("workspace", "kube", "example", "chart", "cluster");

    private RehearsalWorkDirectory() {}

    /**
     * Creates {@code work} or clears a previous rehearsal's files in it, then marks it as a
     * rehearsal's; returns the entries it cleared (empty for a new or empty directory).
     */
    static List<String> startFresh(Path work) throws IOException {
        List<String> cleared = new ArrayList<>();
        if (Files.isDirectory(work)) {
            boolean empty;
            try (Stream<Path> entries = Files.list(work)) {
                empty = entries.findAny().isEmpty();
            }
            if (!empty && !isRehearsals(work)) {
                throw new InvalidInputException("rehearse --work-dir", "work-dir", work + " is not empty and no"
                        + " rehearsal wrote it, so a rehearsal will not clear it: give a new or empty directory,"
                        + " or one an earlier rehearsal used");
            }
            for (String entry : OWN_ENTRIES) {
                Path path = work.resolve(entry);
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(path);
                    cleared.add(entry + "/");
                }
            }
        } else if (Files.exists(work)) {
            throw new InvalidInputException("rehearse --work-dir", "work-dir", work + " is a file: give a directory");
        }
        Files.createDirectories(work);
        Files.writeString(work.resolve(MARKER), "A dataos-upgrade rehearsal's work directory: the next rehearsal"
                + " here clears " + String.join(", ", OWN_ENTRIES) + " and starts a fresh run.\n",
                StandardCharsets.UTF_8);
        return cleared;
    }

    /** Written by a rehearsal: the marker, or (rehearsals before the marker) its report or extracted examples. */
    private static boolean isRehearsals(Path work) {
        return Files.isRegularFile(work.resolve(MARKER))
                || Files.isRegularFile(work.resolve("workspace/reports/rehearsal-report.md"))
                || Files.isRegularFile(work.resolve("example/installed-1.4.yaml"));
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) { // does not follow links: a link is deleted, not its target
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
