package io.dataos.upgrade.verify;

import io.dataos.upgrade.process.Command;
import io.dataos.upgrade.process.CommandResult;
import io.dataos.upgrade.process.LocalCommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the data-integrity tests, from Debian's binaries
 * (/usr/lib/postgresql/N/bin): initdb with {@code superuserPassword} (SCRAM), started on a free
 * loopback port, stopped and removed on close. As root, the server programs run as the
 * {@code postgres} user ({@code runuser -u postgres --}), since initdb refuses root.
 * Test-only stand-in until the ops helper's LocalPostgresCluster is on main.
 */
final class ScratchPostgres implements AutoCloseable {

    private final Path base;
    private final Path bin;
    private final List<String> asServerUser;
    private final int port;
    private final String password;
    private final LocalCommandRunner runner = new LocalCommandRunner();

    private ScratchPostgres(Path base, Path bin, List<String> asServerUser, int port, String password) {
        this.base = base;
        this.bin = bin;
        this.asServerUser = asServerUser;
        this.port = port;
        this.password = password;
    }

    static Optional<Path> binDir() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Path::compareTo);
        }
    }

    static ScratchPostgres start(String superuserPassword) throws IOException, InterruptedException {
        Path bin = binDir().orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries are missing:"
                + " apt-get install postgresql-15"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path base = Files.createTempDirectory("scratch-pg-");
        List<String> as = root ? List.of("runuser", "-u", "postgres", "--") : List.of();
        if (root) {
            UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(base, users.lookupPrincipalByName("postgres"));
        }
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ScratchPostgres pg = new ScratchPostgres(base, bin, as, port, superuserPassword);
        try {
            Path pwfile = base.resolve("pwfile");
            Files.writeString(pwfile, superuserPassword + "\n");
            Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
            if (root) {
                Files.setOwner(pwfile, base.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
            }
            pg.server("initdb", "-D", base.resolve("data").toString(), "-U", "postgres", "-A", "scram-sha-256",
                    "--pwfile=" + pwfile, "-E", "UTF8", "--no-sync");
            Files.delete(pwfile);
            pg.server("pg_ctl", "-D", base.resolve("data").toString(), "-l", base.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1"
                            + " -c fsync=off", "start");
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw e;
        }
    }

    private void server(String program, String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(asServerUser);
        argv.add(bin.resolve(program).toString());
        argv.addAll(List.of(args));
        CommandResult result = runner.run(new Command(argv, null, base, Duration.ofSeconds(90), null), line -> { });
        if (!result.succeeded()) {
            throw new IllegalStateException(program + " failed (exit " + result.exitCode() + "): "
                    + result.outputTail());
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A superuser connection to {@code database}. */
    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", password);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(base.resolve("data/postmaster.pid"))) {
            try {
                server("pg_ctl", "-D", base.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException alreadyStopped) {
                // nothing is running: only the files remain to delete
            }
        }
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
