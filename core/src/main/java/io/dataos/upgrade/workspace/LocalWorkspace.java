package io.dataos.upgrade.workspace;

import io.dataos.upgrade.api.Workspace;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@link Workspace} over a local directory: the CLI's, and the tests'. The run state the engine keeps across
 * runs ({@value #STATE}: journals, backup kits, locks) may live in a folder of its own outside the workspace, so
 * that it outlives a workspace that is wiped between builds: paths under {@value #STATE} then resolve there.
 */
public final class LocalWorkspace implements Workspace {

    /** The workspace path of the run state: journals, backup kits and locks. */
    public static final String STATE = ".dataos-upgrade";

    private final Path root;
    private final Path state;

    public LocalWorkspace(Path root) {
        this(root, null);
    }

    /** A workspace whose {@value #STATE} is the folder {@code state} (null: inside the workspace). */
    public LocalWorkspace(Path root, Path state) {
        this.root = root.toAbsolutePath().normalize();
        this.state = state == null ? null : state.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The local path of {@code relative}; refuses paths that would leave the workspace. */
    public Path resolve(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leaves the workspace " + root
                    + ": use a path inside it");
        }
        Path stateInWorkspace = root.resolve(STATE);
        if (state != null && resolved.startsWith(stateInWorkspace)) {
            return state.resolve(stateInWorkspace.relativize(resolved).toString()).normalize();
        }
        return resolved;
    }

    @Override
    public String absolute(String relative) {
        return resolve(relative).toString();
    }

    @Override
    public boolean exists(String relative) {
        return Files.exists(resolve(relative));
    }

    @Override
    public byte[] read(String relative) throws IOException {
        return Files.readAllBytes(resolve(relative));
    }

    @Override
    public byte[] readAtMost(String relative, int maxBytes) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(resolve(relative))) {
            return in.readNBytes(maxBytes + 1);
        }
    }

    @Override
    public void write(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void writePrivate(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("private file " + file + " appeared while it was being created; retry", raced);
        }
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void append(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        // A stream, not a FileChannel: a channel is closed mid-write when the thread is interrupted,
        // which could leave half a journal line behind exactly when an interruption is being recorded.
        try (FileOutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(content);
            out.getFD().sync();
        }
    }

    @Override
    public boolean createExclusive(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        // Write the content aside, then hard-link it into place: link(2) fails when the name exists,
        // so creation is atomic and the file is complete the moment it appears.
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".new");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException taken) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void delete(String relative) throws IOException {
        Path target = resolve(relative);
        if (!Files.exists(target)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (NoSuchFileException gone) {
                    // removed concurrently: the goal is reached
                }
            }
        }
    }

    @Override
    public void mkdirs(String relative) throws IOException {
        Files.createDirectories(resolve(relative));
    }

    @Override
    public List<String> list(String relative) throws IOException {
        Path dir = resolve(relative);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
