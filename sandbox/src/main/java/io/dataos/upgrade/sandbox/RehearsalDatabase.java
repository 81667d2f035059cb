package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.postgres.PostgresClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rehearsal's real PostgreSQL: a {@link LocalPostgresCluster} (Debian's server binaries, a
 * throw-away data directory, loopback only) holding a small DataOS-like database whose critical
 * tables the backup kit dumps, the restore check restores, the injected fault damages and the
 * rollback restores. Owned clusters are stopped and deleted on {@link #close()}; a shared one is
 * left running for its owner.
 */
public final class RehearsalDatabase implements AutoCloseable {

    /** The database a rehearsal creates on a cluster it starts itself. */
    public static final String DEFAULT_DATABASE = "dataos";
    /** The tables the rehearsal treats as critical: baseline with the backup, compared after the rollback. */
    public static final List<String> CRITICAL_TABLES = List.of("heimdall.policies", "metis.datasets");
    /** The Debian package that brings the server and the client programs of the version the project targets. */
    public static final String DEBIAN_PACKAGE = "postgresql-15";

    private static final List<String> PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore", "psql");

    /** What the failed release wrote: rows of each critical table it changed. */
    public record BadWrites(long policiesRevoked, long datasetsDeleted) {

        public String describe() {
            return "revoked " + policiesRevoked + " Heimdall admin policies (heimdall.policies.allow = false) and"
                    + " deleted " + datasetsDeleted + " Metis datasets (metis.datasets)";
        }
    }

    private final LocalPostgresCluster cluster;
    private final boolean owned;
    private final String database;
    private final PostgresClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RehearsalDatabase(LocalPostgresCluster cluster, boolean owned, String database, CommandRunner runner) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.owned = owned;
        this.database = database;
        this.client = new PostgresClient(runner, cluster.binDir().toString(), cluster.password(), null);
    }

    /**
     * The server binaries' directory, or a clear failure naming the Debian package to install. A
     * rehearsal never skips the database silently: without PostgreSQL it does not run.
     *
     * @param binDir what {@link LocalPostgresCluster#findBinDir()} found
     * @throws RehearsalPrerequisiteException when there is none, or it lacks a program the rehearsal runs
     */
    public static Path requireBinaries(Optional<Path> binDir) {
        if (binDir.isEmpty()) {
            throw new RehearsalPrerequisiteException("the rehearsal backs up and restores a real PostgreSQL"
                    + " database, but no PostgreSQL server binaries were found under " + LocalPostgresCluster.DEBIAN_ROOT
                    + ": install Debian's package " + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE
                    + ") and run the rehearsal again");
        }
        List<String> missing = new ArrayList<>();
        for (String program : PROGRAMS) {
            if (!Files.isExecutable(binDir.get().resolve(program))) {
                missing.add(program);
            }
        }
        if (!missing.isEmpty()) {
            throw new RehearsalPrerequisiteException("the rehearsal needs PostgreSQL's " + String.join(", ", missing)
                    + " in " + binDir.get() + ", which are missing: install Debian's package " + DEBIAN_PACKAGE
                    + " (apt-get install " + DEBIAN_PACKAGE + ") and run the rehearsal again");
        }
        return binDir.get();
    }

    /** A database on a cluster the rehearsal started: {@link #close()} stops the cluster and deletes it. */
    public static RehearsalDatabase owning(LocalPostgresCluster cluster, CommandRunner runner) {
        return new RehearsalDatabase(cluster, true, DEFAULT_DATABASE, runner);
    }

    /** A database on a cluster someone else owns (tests share one): {@link #close()} leaves it running. */
    public static RehearsalDatabase sharing(LocalPostgresCluster cluster, String database, CommandRunner runner) {
        cluster.connection(database); // refuses a name that is not a plain PostgreSQL identifier
        return new RehearsalDatabase(cluster, false, database, runner);
    }

    /**
     * Creates the DataOS-like database afresh (dropping one of the same name): Heimdall's policies
     * and Metis' datasets (the critical tables) and a migrations table, with fixed rows.
     */
    public void seed() throws IOException, InterruptedException {
        PostgresConnection server = connection();
        // One psql per database, not one per statement: each program start costs more than the SQL here.
        client.sql(server.withDatabase("postgres"), "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)",
                "CREATE DATABASE \"" + database + "\" TEMPLATE template0");
        client.sql(server,
                "CREATE SCHEMA heimdall",
                "CREATE SCHEMA metis",
                "CREATE TABLE heimdall.policies (id integer PRIMARY KEY, subject text NOT NULL, action text NOT NULL,"
                        + " resource text NOT NULL, allow boolean NOT NULL)",
                "INSERT INTO heimdall.policies SELECT g, 'user:operator-' || (g % 7),"
                        + " (ARRAY['read', 'write', 'admin'])[1 + g % 3], 'dataos://lakehouse:retail/depot_' || (g % 5),"
                        + " true FROM generate_series(1, 60) AS g",
                "CREATE TABLE metis.datasets (id integer PRIMARY KEY, urn text NOT NULL UNIQUE, name text NOT NULL,"
                        + " owner text NOT NULL, row_count bigint NOT NULL)",
                "INSERT INTO metis.datasets SELECT g, 'dataos://lakehouse:retail/dataset_' || g, 'dataset_' || g,"
                        + " 'team-' || (g % 4), g * 1000 FROM generate_series(1, 250) AS g",
                "CREATE TABLE public.schema_migrations (version text PRIMARY KEY)",
                "INSERT INTO public.schema_migrations VALUES ('1.4.0')");
    }

    /**
     * What the faulty release does to the data once it runs: a bad migration that revokes the admin
     * policies and deletes every tenth dataset, recording itself as migration 1.5.0.
     */
    public BadWrites badReleaseWrites() throws IOException, InterruptedException {
        List<String> counts = client.sql(connection(),
                "WITH changed AS (UPDATE heimdall.policies SET allow = false WHERE action = 'admin' RETURNING 1)"
                        + " SELECT count(*) FROM changed",
                "WITH gone AS (DELETE FROM metis.datasets WHERE id % 10 = 0 RETURNING 1) SELECT count(*) FROM gone",
                "INSERT INTO public.schema_migrations VALUES ('1.5.0')");
        List<String> numbers = counts.stream().filter(l -> l.matches("\\d+")).toList();
        return new BadWrites(Long.parseLong(numbers.get(0)), Long.parseLong(numbers.get(1)));
    }

    /** {@code SHOW server_version}. */
    public String serverVersion() throws IOException, InterruptedException {
        return client.sql(connection(), "SHOW server_version").stream().filter(l -> !l.isBlank()).findFirst()
                .orElse("?");
    }

    /** The rows each critical table holds now, as "table rows, table rows" (one query). */
    public String rowCounts() throws IOException, InterruptedException {
        // The names are this class's constants, never input.
        String query = "SELECT " + String.join(" || ',' || ", CRITICAL_TABLES.stream()
                .map(t -> "(SELECT count(*) FROM " + t + ")").toList());
        String[] counts = client.sql(connection(), query).stream().filter(l -> !l.isBlank()).findFirst().orElse("")
                .split(",");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < CRITICAL_TABLES.size(); i++) {
            parts.add(CRITICAL_TABLES.get(i) + " " + (i < counts.length ? counts[i] : "?") + " rows");
        }
        return String.join(", ", parts);
    }

    /** The rehearsal's database over TCP on 127.0.0.1 as the superuser. */
    public PostgresConnection connection() {
        return cluster.connection(database);
    }

    /** The same database for JDBC (no password in it). */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + database;
    }

    /** The generated superuser password, as the {@value PostgresConnection#PASSWORD_SECRET} secret. */
    public Secret password() {
        return cluster.password();
    }

    /** Directory of pg_dump, pg_restore and psql of the server's version. */
    public String binDir() {
        return cluster.binDir().toString();
    }

    public String database() {
        return database;
    }

    /** The cluster's own directory (data, socket, log), deleted when an owned cluster stops. */
    public Path clusterDirectory() {
        return cluster.logFile().getParent();
    }

    /** Whether {@link #close()} stops the server. */
    public boolean owned() {
        return owned;
    }

    /**
     * Stops an owned cluster and deletes its directory, once, even when the calling thread was
     * interrupted (an interrupted wait would leave the server running); a shared one is left alone.
     */
    @Override
    public void close() throws IOException {
        if (!owned || !closed.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            cluster.close();
        } catch (InterruptedException e) {
            interrupted = true;
            throw new IOException("stopping the rehearsal's PostgreSQL was interrupted; its directory "
                    + clusterDirectory() + " may be left", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
