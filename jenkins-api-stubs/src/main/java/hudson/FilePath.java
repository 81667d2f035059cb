// Compile-time stand-in, never shipped: signatures written by hand to match jenkinsci/jenkins
// core/src/main/java/hudson/FilePath.java (Jenkins 2.479.3). Working local behaviour over java.io.File so
// plugin tests can run; there is no remoting here, so a FilePath with a channel is also used as a local
// path. act() round-trips the callable through Java serialization first, so a callable that could not
// travel to an agent fails here too. Members the plugin does not use are omitted.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** A file or directory on the controller or on an agent. */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    private transient VirtualChannel channel;
    private final String remote;

    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(@NonNull File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this(base.channel, new File(rel).isAbsolute() ? rel : new File(base.remote, rel).getPath());
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        return file().getName();
    }

    public String getBaseName() {
        String n = getName();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? n : n.substring(0, dot);
    }

    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    @CheckForNull
    public FilePath getParent() {
        File parent = file().getParentFile();
        return parent == null ? null : new FilePath(channel, parent.getPath());
    }

    @CheckForNull
    public FilePath sibling(String rel) {
        FilePath parent = getParent();
        return parent == null ? null : parent.child(rel);
    }

    public boolean exists() throws IOException, InterruptedException {
        return file().exists();
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        return file().isDirectory();
    }

    public void mkdirs() throws IOException, InterruptedException {
        Files.createDirectories(file().toPath());
    }

    public boolean delete() throws IOException, InterruptedException {
        Files.deleteIfExists(file().toPath());
        return true;
    }

    public void deleteRecursive() throws IOException, InterruptedException {
        if (!Files.exists(file().toPath(), LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(file().toPath())) {
            for (java.nio.file.Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(file().toPath());
    }

    public String readToString() throws IOException, InterruptedException {
        return Files.readString(file().toPath(), Charset.defaultCharset());
    }

    public OutputStream write() throws IOException, InterruptedException {
        mkParent();
        return Files.newOutputStream(file().toPath());
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        mkParent();
        Files.write(file().toPath(), encoding == null ? content.getBytes(Charset.defaultCharset())
                : content.getBytes(encoding));
    }

    public void touch(final long timestamp) throws IOException, InterruptedException {
        mkParent();
        if (!file().exists()) {
            Files.createFile(file().toPath());
        }
        Files.setLastModifiedTime(file().toPath(), FileTime.fromMillis(timestamp));
    }

    public long length() throws IOException, InterruptedException {
        return file().length();
    }

    public long lastModified() throws IOException, InterruptedException {
        return file().lastModified();
    }

    public void chmod(final int mask) throws IOException, InterruptedException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mask & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        Files.setPosixFilePermissions(file().toPath(), perms);
    }

    public int mode() throws IOException, InterruptedException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file().toPath());
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }

    @NonNull
    public List<FilePath> list() throws IOException, InterruptedException {
        File[] children = file().listFiles();
        List<FilePath> result = new ArrayList<>();
        if (children != null) {
            Arrays.sort(children);
            for (File c : children) {
                result.add(new FilePath(channel, c.getPath()));
            }
        }
        return result;
    }

    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        Files.move(file().toPath(), target.file().toPath(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        return roundTrip(callable).invoke(file(), channel);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public boolean isRemote() {
        return channel != null;
    }

    @Override
    public String toString() {
        return remote;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilePath && ((FilePath) o).remote.equals(remote);
    }

    @Override
    public int hashCode() {
        return remote.hashCode();
    }

    private File file() {
        return new File(remote);
    }

    private void mkParent() throws IOException {
        File parent = file().getParentFile();
        if (parent != null) {
            Files.createDirectories(parent.toPath());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> FileCallable<T> roundTrip(FileCallable<T> callable) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (FileCallable<T>) in.readObject();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    /** Code that runs on the machine holding the file. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
