package io.jenkins.plugins.dataos;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import io.dataos.upgrade.workspace.Workspace;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * The engine's {@link Workspace} over the build's workspace {@link FilePath}: every read and write happens on
 * the agent that holds the workspace, never on the controller's disk. Relative paths are checked before any
 * file is touched: absolute paths and {@code ..} that would leave the workspace are refused.
 */
public final class FilePathWorkspace implements Workspace {

    private final FilePath root;

    public FilePathWorkspace(FilePath root) {
        this.root = root;
    }

    /** The file at {@code relative}, refusing paths that are absolute or climb out of the workspace. */
    public FilePath resolve(String relative) {
        return root.child(normalize(relative));
    }

    static String normalize(String relative) {
        if (relative == null) {
            throw new IllegalArgumentException("path is missing: give a path relative to the workspace");
        }
        String unified = relative.replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("path '" + relative + "' is absolute: give a path relative to the workspace");
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : unified.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IllegalArgumentException("path '" + relative
                            + "' leaves the workspace: give a path inside it");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return parts.isEmpty() ? "." : String.join("/", parts);
    }

    @Override
    public String absolute(String relative) {
        return resolve(relative).getRemote();
    }

    @Override
    public boolean exists(String relative) throws IOException, InterruptedException {
        return resolve(relative).exists();
    }

    @Override
    public byte[] read(String relative) throws IOException, InterruptedException {
        try (InputStream in = resolve(relative).read()) {
            return in.readAllBytes();
        }
    }

    @Override
    public void write(String relative, byte[] content) throws IOException, InterruptedException {
        FilePath file = resolve(relative);
        FilePath tmp = file.sibling(file.getName() + ".tmp");
        // write then rename, so a reader never sees half a plan or report
        try (OutputStream out = tmp.write()) {
            out.write(content);
        }
        tmp.renameTo(file);
    }

    @Override
    public void writePrivate(String relative, byte[] content) throws IOException, InterruptedException {
        FilePath file = resolve(relative);
        file.delete();
        // an empty file first, made private, and only then the secret bytes
        file.touch(System.currentTimeMillis());
        file.chmod(0600);
        try (OutputStream out = file.write()) {
            out.write(content);
        }
    }

    @Override
    public boolean createExclusive(String relative, byte[] content) throws IOException, InterruptedException {
        return resolve(relative).act(new CreateExclusive(content));
    }

    @Override
    public void append(String relative, byte[] content) throws IOException, InterruptedException {
        resolve(relative).act(new Append(content));
    }

    @Override
    public void delete(String relative) throws IOException, InterruptedException {
        resolve(relative).deleteRecursive();
    }

    @Override
    public void mkdirs(String relative) throws IOException, InterruptedException {
        resolve(relative).mkdirs();
    }

    @Override
    public List<String> list(String relative) throws IOException, InterruptedException {
        FilePath dir = resolve(relative);
        if (!dir.isDirectory()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FilePath child : dir.list()) {
            names.add(child.getName());
        }
        names.sort(null);
        return names;
    }

    /**
     * Creates the file on the agent only if nothing is there: the content goes to a private temporary file that is
     * then hard-linked into place, which fails atomically when the path exists, so no reader sees half a file.
     */
    private static final class CreateExclusive extends MasterToSlaveFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;
        private final byte[] content;

        CreateExclusive(byte[] content) {
            this.content = content.clone();
        }

        @Override
        public Boolean invoke(File f, VirtualChannel channel) throws IOException {
            java.nio.file.Path target = f.toPath();
            java.nio.file.Files.createDirectories(target.toAbsolutePath().getParent());
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile(target.toAbsolutePath().getParent(),
                    "." + f.getName(), ".tmp");
            try {
                java.nio.file.Files.write(tmp, content);
                java.nio.file.Files.createLink(target, tmp);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException taken) {
                return false;
            } finally {
                java.nio.file.Files.deleteIfExists(tmp);
            }
        }
    }

    /** Appends on the agent and forces the bytes to disk before returning, as the journal needs. */
    private static final class Append extends MasterToSlaveFileCallable<Void> {
        private static final long serialVersionUID = 1L;
        private final byte[] content;

        Append(byte[] content) {
            this.content = content.clone();
        }

        @Override
        public Void invoke(File f, VirtualChannel channel) throws IOException {
            File parent = f.getParentFile();
            if (parent != null && !parent.isDirectory() && !parent.mkdirs()) {
                throw new IOException("cannot create directory " + parent);
            }
            try (FileChannel out = FileChannel.open(f.toPath(), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(false);
            }
            return null;
        }
    }
}
