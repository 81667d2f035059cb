package io.dataos.upgrade.workspace;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.Workspace;
import io.dataos.upgrade.run.CrashPoints;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A {@link Workspace} over a local directory: the CLI's, and the tests'. The run state the engine keeps across
 * runs ({@value #STATE}: journals, backup kits, locks) may live in a folder of its own outside the workspace, so
 * that it outlives a workspace that is wiped between builds: paths under {@value #STATE} then resolve there.
 *
 * <p>Every path is confined by its real location, after symbolic links: a link inside the workspace that
 * points out of it is refused, for reading as for writing. What the engine creates is owner-only whatever
 * the umask (files 0600, folders 0700); a file it rewrites keeps its mode and owner, and a symbolic link is
 * written through to its target, atomically beside the target.
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

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    /** Symbolic links followed at most when resolving one path, as Linux's own limit. */
    private static final int MAX_LINKS = 40;

    /**
     * The local path of {@code relative}; refuses paths that would leave the workspace (or, for the run
     * state, its folder), by their text or through a symbolic link.
     */
    public Path resolve(String relative) {
        Path resolved = root.resolve(relative).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("path '" + relative + "' leaves the workspace " + root
                    + ": use a path inside it");
        }
        Path stateInWorkspace = root.resolve(STATE);
        if (state != null && resolved.startsWith(stateInWorkspace)) {
            Path inState = state.resolve(stateInWorkspace.relativize(resolved).toString()).normalize();
            confine(inState, state, relative, "the state folder");
            return inState;
        }
        confine(resolved, root, relative, "the workspace");
        return resolved;
    }

    /** Refuses {@code path} when its real location (symbolic links followed) is not under {@code base}'s. */
    private static void confine(Path path, Path base, String relative, String what) {
        Path realBase;
        Path real;
        try {
            realBase = realPath(base);
            real = realPath(path);
        } catch (IOException e) {
            throw new InvalidInputException(relative, "path", "cannot be resolved (" + e.getMessage()
                    + "): use a plain path inside " + what);
        }
        if (!real.startsWith(realBase)) {
            throw new InvalidInputException(relative, "path", "leaves " + what + " " + base
                    + " through a symbolic link (it is really " + real + "): use a file inside it");
        }
    }

    /**
     * {@code path} with every symbolic link resolved, including a last one whose target does not exist
     * yet; the part of the path that does not exist is appended as it is.
     */
    public static Path realPath(Path path) throws IOException {
        Path current = path.toAbsolutePath().normalize();
        for (int links = 0; links <= MAX_LINKS; links++) {
            Deque<Path> missing = new ArrayDeque<>();
            Path existing = current;
            while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
                missing.push(existing.getFileName());
                existing = existing.getParent();
            }
            if (existing == null) {
                return current;
            }
            boolean dangling = Files.isSymbolicLink(existing) && !Files.exists(existing);
            // a dangling link leads to where writing through it would create the file: follow it in turn
            Path real = dangling ? existing.getParent().resolve(Files.readSymbolicLink(existing))
                    : existing.toRealPath();
            while (!missing.isEmpty()) {
                real = real.resolve(missing.pop());
            }
            real = real.normalize();
            if (!dangling || real.equals(current)) {
                return real;
            }
            current = real;
        }
        throw new IOException("too many levels of symbolic links in " + path);
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

    /**
     * Writes the file whole, atomically: beside it (beside a symbolic link's target, which is what gets
     * replaced, the link staying), then renamed over it. A file that existed keeps its mode, owner and
     * group; one that did not is created owner-only. When the owner cannot be kept (a file of another
     * user the engine may write), the file is written in place instead, which keeps both.
     */
    @Override
    public byte[] readAtMost(String relative, int maxBytes) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(resolve(relative))) {
            return in.readNBytes(maxBytes + 1);
        }
    }

    @Override
    public void write(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        Path target = Files.isSymbolicLink(file) ? realPath(file) : file;
        createParent(target);
        PosixFileAttributes before = Files.exists(target) ? posixAttributes(target) : null;
        removeLeftoverCopies(target);
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
                out.write(content);
                out.getFD().sync();
            }
            CrashPoints.reach("workspace.written-aside:" + relative);
            if (before != null && !takeOver(tmp, before)) {
                Files.write(target, content, StandardOpenOption.TRUNCATE_EXISTING);
                return;
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes the copies an earlier write of {@code target} left beside it when it was killed before its rename. */
    private static void removeLeftoverCopies(Path target) throws IOException {
        String prefix = "." + target.getFileName();
        try (Stream<Path> siblings = Files.list(target.getParent())) {
            for (Path sibling : siblings.toList()) {
                String name = sibling.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && name.length() > prefix.length() + 4
                        && name.substring(prefix.length(), name.length() - 4).chars().allMatch(Character::isDigit)) {
                    Files.deleteIfExists(sibling);
                }
            }
        }
    }

    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, PosixFileAttributes.class);
        } catch (UnsupportedOperationException notPosix) {
            return null;
        }
    }

    /** Gives {@code tmp} the mode, owner and group of {@code before}; false when the owner cannot be kept. */
    private static boolean takeOver(Path tmp, PosixFileAttributes before) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
        try {
            PosixFileAttributes now = view.readAttributes();
            if (!now.owner().equals(before.owner())) {
                view.setOwner(before.owner());
            }
            if (!now.group().equals(before.group())) {
                view.setGroup(before.group());
            }
        } catch (FileSystemException notAllowed) {
            return false;
        }
        view.setPermissions(before.permissions());
        return true;
    }

    @Override
    public void writePrivate(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        Files.deleteIfExists(file);
        try {
            createOwnerOnly(file);
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("private file " + file + " appeared while it was being created; retry", raced);
        }
        Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public void append(String relative, byte[] content) throws IOException {
        Path file = resolve(relative);
        createParent(file);
        if (!Files.exists(file)) {
            try {
                createOwnerOnly(file);
            } catch (FileAlreadyExistsException raced) {
                // another writer created it first: append to it
            }
        }
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
        createDirectories(resolve(relative));
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
            createDirectories(parent);
        }
    }

    /** Creates the missing folders of {@code dir} owner-only (0700), whatever the umask. */
    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir, ownerOnly(OWNER_ONLY_DIR));
            Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR); // a umask such as 0200 would take more
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(dir);
        }
    }

    /** Creates the empty file {@code file} owner-only (0600), whatever the umask. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, ownerOnly(OWNER_ONLY_FILE));
            Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }
}
