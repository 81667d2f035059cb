// Compile-time stand-in, never shipped: signatures of jenkinsci/jenkins core/src/main/java/hudson/FilePath.java
// (Jenkins 2.479.3). The bodies the plugin and its tests reach are written from the real ones for a FilePath on
// the local machine (channel null, as FilePath(File) and FilePath(localChannel, …) make it); each names the
// upstream method. There is no remoting here: a FilePath on another channel fails every file operation.
package hudson;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.remoting.LocalChannel;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** A file or directory on the controller or on an agent. */
public final class FilePath implements SerializableOnlyOverRemoting {
    private static final long serialVersionUID = 1L;

    /** FilePath.localChannel: the channel of this JVM. */
    public static final LocalChannel localChannel = new LocalChannel(Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "FilePath.localChannel");
        t.setDaemon(true);
        return t;
    }));

    private static final Pattern ABSOLUTE_PREFIX_PATTERN = Pattern.compile("^(\\\\\\\\|(?:[A-Za-z]:)?[\\\\/])[\\\\/]*");
    private static final Pattern DRIVE_PATTERN = Pattern.compile("[A-Za-z]:[\\\\/].*");
    private static final Pattern UNC_PATTERN = Pattern.compile("^\\\\\\\\.*");

    private transient VirtualChannel channel;
    private String remote;

    // FilePath(VirtualChannel, String): the local channel is kept as null; the path is normalized.
    public FilePath(@CheckForNull VirtualChannel channel, @NonNull String remote) {
        this.channel = channel instanceof LocalChannel ? null : channel;
        this.remote = normalize(remote);
    }

    // FilePath(File)
    public FilePath(@NonNull File localPath) {
        this.channel = null;
        this.remote = normalize(localPath.getPath());
    }

    // FilePath(FilePath, String): an absolute rel stands alone, else it is appended with the base's separator.
    public FilePath(@NonNull FilePath base, @NonNull String rel) {
        this.channel = base.channel;
        this.remote = normalize(resolvePathIfRelative(base, rel));
    }

    private static String resolvePathIfRelative(FilePath base, String rel) {
        if (isAbsolute(rel)) {
            return rel;
        }
        return base.isUnix() ? base.remote + '/' + rel.replace('\\', '/') : base.remote + '\\' + rel.replace('/', '\\');
    }

    private static boolean isAbsolute(String rel) {
        return rel.startsWith("/") || DRIVE_PATTERN.matcher(rel).matches() || UNC_PATTERN.matcher(rel).matches();
    }

    // FilePath#normalize (@Restricted(NoExternalUse) upstream, so private here): collapses '.', '..' and repeated separators; keeps a leading '..' of a relative path.
    private static String normalize(@NonNull String path) {
        StringBuilder buf = new StringBuilder();
        Matcher m = ABSOLUTE_PREFIX_PATTERN.matcher(path);
        if (m.find()) {
            buf.append(m.group(1));
            path = path.substring(m.end());
        }
        boolean absolute = buf.length() > 0;
        List<String> tokens = new ArrayList<>();
        int start = 0;
        int end = path.length();
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '\\') {
                tokens.add(path.substring(start, i));
                start = i;
                while (++i < end && ((c = path.charAt(i)) == '/' || c == '\\')) {
                    // separators after the first are dropped
                }
                if (i < end) {
                    tokens.add(path.substring(start, start + 1));
                }
                start = i;
            }
        }
        if (start < end) {
            tokens.add(path.substring(start));
        }
        for (int i = 0; i < tokens.size(); ) {
            String token = tokens.get(i);
            if (token.equals(".")) {
                tokens.remove(i);
                if (!tokens.isEmpty()) {
                    tokens.remove(i > 0 ? i - 1 : i);
                }
            } else if (token.equals("..")) {
                if (i == 0) {
                    tokens.remove(0);
                    if (!tokens.isEmpty()) {
                        token += tokens.remove(0);
                    }
                    if (!absolute) {
                        buf.append(token);
                    }
                } else {
                    i -= 2;
                    for (int j = 0; j < 3; j++) {
                        tokens.remove(i);
                    }
                    if (i > 0) {
                        tokens.remove(i - 1);
                    } else if (!tokens.isEmpty()) {
                        tokens.remove(0);
                    }
                }
            } else {
                i += 2;
            }
        }
        for (String token : tokens) {
            buf.append(token);
        }
        if (buf.length() == 0) {
            buf.append('.');
        }
        return buf.toString();
    }

    // FilePath#isUnix (package-private upstream): a local path answers for this machine.
    boolean isUnix() {
        if (!isRemote()) {
            return File.pathSeparatorChar != ';';
        }
        if (remote.length() > 3 && remote.charAt(1) == ':' && remote.charAt(2) == '\\') {
            return false;
        }
        return !remote.contains("\\");
    }

    // FilePath#getRemote
    public String getRemote() {
        return remote;
    }

    // FilePath#getName: the part after the last separator, a trailing separator ignored.
    public String getName() {
        String r = remote;
        if (r.endsWith("\\") || r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        int len = r.length() - 1;
        while (len >= 0) {
            char ch = r.charAt(len);
            if (ch == '\\' || ch == '/') {
                break;
            }
            len--;
        }
        return r.substring(len + 1);
    }

    // FilePath#child
    public @NonNull FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    // FilePath#getParent: up to the last separator (kept), or null.
    public FilePath getParent() {
        int i = remote.length() - 2;
        for (; i >= 0; i--) {
            char ch = remote.charAt(i);
            if (ch == '\\' || ch == '/') {
                break;
            }
        }
        return i >= 0 ? new FilePath(channel, remote.substring(0, i + 1)) : null;
    }

    // FilePath#exists
    public boolean exists() throws IOException, InterruptedException {
        return local().exists();
    }

    // FilePath#isDirectory
    public boolean isDirectory() throws IOException, InterruptedException {
        return local().isDirectory();
    }

    // FilePath#mkdirs (Mkdirs): creates the directories, fine when they exist; fails when it cannot.
    public void mkdirs() throws IOException, InterruptedException {
        File f = local();
        if (!f.exists()) {
            Files.createDirectories(f.toPath());
        }
        if (!f.exists()) {
            throw new IOException("Failed to mkdirs: " + remote);
        }
    }

    // FilePath#delete (Delete -> Util.deleteFile): removes the file; a missing one is no error.
    public boolean delete() throws IOException, InterruptedException {
        Files.deleteIfExists(local().toPath());
        return true;
    }

    // FilePath#deleteRecursive (DeleteRecursive -> Util.deleteRecursive): the tree, not following links.
    public void deleteRecursive() throws IOException, InterruptedException {
        Path root = local().toPath();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // FilePath#read: a stream over the local file.
    public InputStream read() throws IOException, InterruptedException {
        return Files.newInputStream(local().toPath());
    }

    // FilePath#readFromOffset: a RandomAccessFile positioned at offset (past the end: an empty stream).
    public InputStream readFromOffset(final long offset) throws IOException, InterruptedException {
        final RandomAccessFile raf = new RandomAccessFile(local(), "r");
        try {
            raf.seek(offset);
        } catch (IOException e) {
            raf.close();
            throw e;
        }
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return raf.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return raf.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                raf.close();
            }
        };
    }

    // FilePath#readToString (ReadToString): the platform's default charset on the machine holding the file.
    public String readToString() throws IOException, InterruptedException {
        return Files.readString(local().toPath(), Charset.defaultCharset());
    }

    // FilePath#write(): creates the parent directories, then truncates or creates the file.
    public OutputStream write() throws IOException, InterruptedException {
        File f = local().getAbsoluteFile();
        mkdirsOf(f.getParentFile());
        return Files.newOutputStream(f.toPath());
    }

    // FilePath#write(String, String) (Write): parents created; null encoding: the default charset.
    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        File f = local();
        mkdirsOf(f.getParentFile());
        try (OutputStream out = Files.newOutputStream(f.toPath())) {
            out.write(encoding != null ? content.getBytes(encoding) : content.getBytes(Charset.defaultCharset()));
        }
    }

    // FilePath#copyFrom(InputStream): write(), then the whole stream.
    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        try (OutputStream os = write()) {
            in.transferTo(os);
        }
    }

    // FilePath#touch (Touch): creates the file when missing (parents are NOT created), then sets its time.
    public void touch(final long timestamp) throws IOException, InterruptedException {
        File f = local();
        if (!f.exists()) {
            Files.newOutputStream(f.toPath()).close();
        }
        if (!f.setLastModified(timestamp)) {
            throw new IOException("Failed to set the timestamp of " + f + " to " + timestamp);
        }
    }

    // FilePath#digest (Digest -> Util.getDigestOf): MD5, lower-case hex.
    public String digest() throws IOException, InterruptedException {
        try (InputStream in = read()) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("MD5 not installed", e);
        }
    }

    // FilePath#length (Length)
    public long length() throws IOException, InterruptedException {
        return local().length();
    }

    // FilePath#chmod (Chmod): a no-op on Windows and for mask -1; else the POSIX permissions of the mask.
    public void chmod(final int mask) throws IOException, InterruptedException {
        if (!isUnix() || mask == -1) {
            return;
        }
        Files.setPosixFilePermissions(local().toPath(), permissions(mask));
    }

    // FilePath#renameTo (RenameTo): Files.move WITHOUT REPLACE_EXISTING, not following links: an existing
    // target fails with FileAlreadyExistsException.
    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        if (this.channel != target.channel) {
            throw new IOException("renameTo target must be on the same host");
        }
        Files.move(local().toPath(), target.local().toPath(), LinkOption.NOFOLLOW_LINKS);
    }

    // FilePath#getChannel: the local channel for a local path.
    public VirtualChannel getChannel() {
        return channel != null ? channel : localChannel;
    }

    // FilePath#isRemote
    public boolean isRemote() {
        return channel != null;
    }

    // FilePath#toString: the path.
    @Override
    public String toString() {
        return remote;
    }

    // FilePath#equals: same channel, same path.
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || getClass() != o.getClass()) {
            return false;
        }
        FilePath that = (FilePath) o;
        return Objects.equals(channel, that.channel) && remote.equals(that.remote);
    }

    // FilePath#hashCode
    @Override
    public int hashCode() {
        return 31 * (channel != null ? channel.hashCode() : 0) + remote.hashCode();
    }

    private File local() {
        if (channel != null) {
            throw new UnsupportedOperationException("stand-in: no remoting here, " + remote + " is on " + channel);
        }
        return new File(remote);
    }

    private static void mkdirsOf(File dir) throws IOException {
        if (dir != null && !dir.exists()) {
            Files.createDirectories(dir.toPath());
        }
    }

    private static Set<PosixFilePermission> permissions(int mask) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] byBit = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < byBit.length; bit++) {
            if ((mask & (1 << bit)) != 0) {
                perms.add(byBit[bit]);
            }
        }
        return perms;
    }

    /** Code that runs on the machine holding the file. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
