package io.dataos.upgrade.postgres;

import io.dataos.upgrade.process.CapturedOutput;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from the machine's own binaries (Debian's
 * /usr/lib/postgresql/VERSION/bin, newest version), for the tests and the sandbox rehearsal: initdb
 * into a temporary directory with password (SCRAM) authentication and a generated password, started
 * on a free loopback port with its socket in that directory, stopped ({@code pg_ctl stop -m fast})
 * and deleted on {@link #close()}. initdb refuses to run as root, so as root the server programs
 * run as the {@code postgres} system user via {@code runuser} (or {@code setpriv}), which owns the
 * directory. Never for real data: it runs without fsync.
 */
public final class LocalPostgresCluster implements AutoCloseable {

    /** Where Debian installs the server programs, one directory per major version. */
    public static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    public static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final CommandRunner runner;
    private final Path binDir;
    private final Path base;
    private final List<String> asServerUser;
    private final Secret password;
    private final Consumer<String> log;
    private int port;
    private boolean running;

    private LocalPostgresCluster(CommandRunner runner, Path binDir, Path base, List<String> asServerUser,
            Secret password, Consumer<String> log) {
        this.runner = runner;
        this.binDir = binDir;
        this.base = base;
        this.asServerUser = asServerUser;
        this.password = password;
        this.log = log;
    }

    /** The newest Debian PostgreSQL bin directory that has initdb and pg_ctl, if any. */
    public static Optional<Path> findBinDir() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates and starts a cluster.
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed, or when
     *     running as root without a {@code postgres} user (install Debian's postgresql package)
     */
    public static LocalPostgresCluster start(CommandRunner runner, Consumer<String> log)
            throws IOException, InterruptedException {
        Path binDir = findBinDir().orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under "
                + DEBIAN_ROOT + ": install them with 'apt-get install postgresql-15' (or newer)"));
        boolean root = isRoot();
        // As root the server runs as postgres, which must be able to reach the directory: /tmp always is.
        // The socket path (base + "/.s.PGSQL.<port>") must fit in 107 bytes: a long java.io.tmpdir (the tests
        // keep theirs under target/) falls back to /tmp.
        boolean shortTmp = System.getProperty("java.io.tmpdir", "/tmp").length() <= 64;
        Path base = (root || !shortTmp) && Files.isDirectory(Path.of("/tmp"))
                ? Files.createTempDirectory(Path.of("/tmp"), "dataos-pg-")
                : Files.createTempDirectory("dataos-pg-");
        List<String> asServerUser = root ? serverUserPrefix() : List.of();
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        Secret password = Secret.of(PostgresConnection.PASSWORD_SECRET, Base64.getUrlEncoder().withoutPadding()
                .encodeToString(raw));
        LocalPostgresCluster cluster = new LocalPostgresCluster(runner, binDir, base, asServerUser, password,
                log == null ? line -> { } : log);
        try {
            if (root) {
                cluster.giveToServerUser(base);
            }
            cluster.initdb();
            cluster.startServer();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The connection to {@code database} as the superuser, over TCP on 127.0.0.1. */
    public PostgresConnection connection(String database) {
        return new PostgresConnection("127.0.0.1", port, SUPERUSER, database);
    }

    /** The superuser's generated password, as the {@value PostgresConnection#PASSWORD_SECRET} secret. */
    public Secret password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Directory of the server's own client programs (pg_dump, pg_restore, psql of the same version). */
    public Path binDir() {
        return binDir;
    }

    /** The server's log file, for diagnosing a test. */
    public Path logFile() {
        return base.resolve("postgres.log");
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static List<String> serverUserPrefix() {
        for (String runuser : List.of("/usr/sbin/runuser", "/sbin/runuser")) {
            if (Files.isExecutable(Path.of(runuser))) {
                return List.of(runuser, "-u", SUPERUSER, "--");
            }
        }
        if (Files.isExecutable(Path.of("/usr/bin/setpriv"))) {
            return List.of("/usr/bin/setpriv", "--reuid=" + SUPERUSER, "--regid=" + SUPERUSER, "--init-groups", "--");
        }
        throw new IllegalStateException("running as root, PostgreSQL's server must run as the postgres user, but"
                + " neither runuser nor setpriv is installed (Debian package util-linux)");
    }

    private void giveToServerUser(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user;
        GroupPrincipal group;
        try {
            user = lookup.lookupPrincipalByName(SUPERUSER);
            group = lookup.lookupPrincipalByGroupName(SUPERUSER);
        } catch (IOException e) {
            throw new IllegalStateException("running as root, but there is no '" + SUPERUSER + "' user to run the"
                    + " PostgreSQL server as: install Debian's postgresql package, which creates it", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private void initdb() throws IOException, InterruptedException {
        Path pwfile = base.resolve("pwfile");
        Files.writeString(pwfile, password.reveal() + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        if (!asServerUser.isEmpty()) {
            giveToServerUser(pwfile);
        }
        try {
            server("initdb", "-D", base.resolve("data").toString(), "-U", SUPERUSER, "--auth=scram-sha-256",
                    "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C", "--no-sync");
        } finally {
            Files.deleteIfExists(pwfile);
        }
    }

    private void startServer() throws IOException, InterruptedException {
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freeLoopbackPort();
            // The settings -c listen_addresses=127.0.0.1 -k DIR would pass, written where no shell reads them.
            Files.writeString(base.resolve("data/postgresql.auto.conf"), "listen_addresses = '127.0.0.1'\n"
                    + "port = " + port + "\n" + "unix_socket_directories = '" + base + "'\n" + "fsync = off\n"
                    + "synchronous_commit = off\n" + "full_page_writes = off\n" + "max_connections = 30\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                server("pg_ctl", "-D", base.resolve("data").toString(), "-l", logFile().toString(), "-w", "-t",
                        Long.toString(START_TIMEOUT.toSeconds()), "start");
                running = true;
                return;
            } catch (CommandFailedException e) {
                String serverLog = Files.exists(logFile()) ? Files.readString(logFile()) : "";
                if (!serverLog.contains("could not bind")) {
                    throw new IOException("PostgreSQL did not start; its log " + logFile() + " says:\n" + serverLog, e);
                }
                lastFailure = new IOException("port " + port + " was taken: " + e.getMessage(), e);
            }
        }
        throw lastFailure;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void server(String program, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(asServerUser);
        argv.add(binDir.resolve(program).toString());
        argv.addAll(List.of(args));
        Command command = new Command(argv, Map.of(), base, START_TIMEOUT.plusSeconds(30), List.of(password));
        CapturedOutput out = CapturedOutput.run(runner, command, log);
        if (!out.succeeded()) {
            throw new CommandFailedException(program, out);
        }
    }

    /** Stops the server (fast shutdown) and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            if (running) {
                running = false;
                server("pg_ctl", "-D", base.resolve("data").toString(), "-m", "fast", "-w", "stop");
            }
        } finally {
            deleteTree(base);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
