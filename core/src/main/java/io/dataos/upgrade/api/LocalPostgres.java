package io.dataos.upgrade.api;

import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.verify.CriticalTables;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A throw-away PostgreSQL server on this machine, for a front door that rehearses the runbook
 * against a real database (the sandbox) and for tests: Debian's server binaries, a temporary data
 * directory, loopback only, a generated superuser password (the secret
 * {@code postgres-password}), stopped and deleted on {@link #close()}. Never for real data.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The superuser every connection uses. */
    public static final String SUPERUSER = LocalPostgresCluster.SUPERUSER;
    /** Where Debian installs the server programs, one directory per major version. */
    public static final Path DEBIAN_ROOT = LocalPostgresCluster.DEBIAN_ROOT;

    private final LocalPostgresCluster cluster;
    private final PostgresClient client;

    private LocalPostgres(LocalPostgresCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.client = new PostgresClient(new LocalCommandRunner(), cluster.binDir().toString(), cluster.password(),
                null);
    }

    /** The newest Debian PostgreSQL bin directory that has initdb and pg_ctl, if any. */
    public static Optional<Path> findBinDir() {
        return LocalPostgresCluster.findBinDir();
    }

    /**
     * Creates and starts a server (initdb's own output is not shown; a failed start carries the
     * server log).
     *
     * @throws IllegalStateException when no PostgreSQL server binaries are installed
     */
    public static LocalPostgres start() throws IOException, InterruptedException {
        return new LocalPostgres(LocalPostgresCluster.start(new LocalCommandRunner(), null));
    }

    /**
     * Runs {@code statements} with psql in {@code database} as the superuser, in one session; the
     * output lines of queries, unaligned and without headers.
     */
    public List<String> sql(String database, String... statements) throws IOException, InterruptedException {
        return client.sql(cluster.connection(database), statements);
    }

    /**
     * Fingerprints {@code tables} of {@code database} (rows and a content checksum) and writes them to
     * {@code workspace} at {@code path} as the integrity baseline a {@code dataIntegrity} check
     * compares with (docs/verification.md).
     */
    public void captureIntegrityBaseline(String database, List<String> tables, Workspace workspace, String path)
            throws IOException, InterruptedException {
        try {
            new CriticalTables(jdbcUrl(database), SUPERUSER, cluster.password(), Duration.ofSeconds(30))
                    .baseline(tables, Clock.systemUTC()).write(workspace, path);
        } catch (SQLException e) {
            throw new IOException("cannot read the critical tables " + tables + " of " + jdbcUrl(database) + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/DATABASE} (no password in it). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + database;
    }

    /** {@code user@127.0.0.1:PORT/DATABASE}, for people. */
    public String describe(String database) {
        return cluster.connection(database).describe();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return cluster.port();
    }

    /** The superuser's generated password, as the secret {@code postgres-password}. */
    public Secret password() {
        return cluster.password();
    }

    /** Directory of the server's own client programs (pg_dump, pg_restore, psql of the same version). */
    public Path binDir() {
        return cluster.binDir();
    }

    /** The server's own directory (data, socket, log), deleted by {@link #close()}. */
    public Path directory() {
        return cluster.logFile().getParent();
    }

    /** Stops the server ({@code pg_ctl stop -m fast}) and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        cluster.close();
    }
}
