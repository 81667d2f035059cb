package io.dataos.upgrade.sandbox;

import io.dataos.upgrade.api.LocalPostgres;
import io.dataos.upgrade.api.Workspace;
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
 * The rehearsal's real PostgreSQL: a {@link LocalPostgres} (Debian's server binaries, a
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

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final LocalPostgres cluster;
    private final boolean owned;
    private final String database;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RehearsalDatabase(LocalPostgres cluster, boolean owned, String database) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.owned = owned;
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain PostgreSQL identifier: " + database);
        }
        this.database = database;
    }

    /**
     * The server binaries' directory, or a clear failure naming the Debian package to install. A
     * rehearsal never skips the database silently: without PostgreSQL it does not run.
     *
     * @param binDir what {@link LocalPostgres#findBinDir()} found
     * @throws RehearsalPrerequisiteException when there is none, or it lacks a program the rehearsal runs
     */
    public static Path requireBinaries(Optional<Path> binDir) {
        if (binDir.isEmpty()) {
            throw new RehearsalPrerequisiteException("the rehearsal backs up and restores a real PostgreSQL"
                    + " database, but no PostgreSQL server binaries were found under " + LocalPostgres.DEBIAN_ROOT
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
    public static RehearsalDatabase owning(LocalPostgres cluster) {
        return new RehearsalDatabase(cluster, true, DEFAULT_DATABASE);
    }

    /** A database on a cluster someone else owns (tests share one): {@link #close()} leaves it running. */
    public static RehearsalDatabase sharing(LocalPostgres cluster, String database) {
        return new RehearsalDatabase(cluster, false, database);
    }

    /**
     * Creates the DataOS-like database afresh (dropping one of the same name): Heimdall's policies
     * and Metis' datasets (the critical tables) and a migrations table, with fixed rows.
     */
    public void seed() throws IOException, InterruptedException {
        // One psql per database, not one per statement: each program start costs more than the SQL here.
        cluster.sql("postgres", "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)",
                "CREATE DATABASE \"" + database + "\" TEMPLATE template0");
        cluster.sql(database,
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
        List<String> counts = cluster.sql(database,
                "WITH changed AS (UPDATE heimdall.policies SET allow = false WHERE action = 'admin' RETURNING 1)"
                        + " SELECT count(*) FROM changed",
                "WITH gone AS (DELETE FROM metis.datasets WHERE id % 10 = 0 RETURNING 1) SELECT count(*) FROM gone",
                "INSERT INTO public.schema_migrations VALUES ('1.5.0')");
        List<String> numbers = counts.stream().filter(l -> l.matches("\\d+")).toList();
        return new BadWrites(Long.parseLong(numbers.get(0)), Long.parseLong(numbers.get(1)));
    }

    /** {@code SHOW server_version}. */
    public String serverVersion() throws IOException, InterruptedException {
        return cluster.sql(database, "SHOW server_version").stream().filter(l -> !l.isBlank()).findFirst()
                .orElse("?");
    }

    /** The rows each critical table holds now, as "table rows, table rows" (one query). */
    public String rowCounts() throws IOException, InterruptedException {
        // The names are this class's constants, never input.
        String query = "SELECT " + String.join(" || ',' || ", CRITICAL_TABLES.stream()
                .map(t -> "(SELECT count(*) FROM " + t + ")").toList());
        String[] counts = cluster.sql(database, query).stream().filter(l -> !l.isBlank()).findFirst().orElse("")
                .split(",");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < CRITICAL_TABLES.size(); i++) {
            parts.add(CRITICAL_TABLES.get(i) + " " + (i < counts.length ? counts[i] : "?") + " rows");
        }
        return String.join(", ", parts);
    }

    /** The critical tables' fingerprints now, written to {@code path} as the data-integrity checks' baseline. */
    public void captureBaseline(Workspace workspace, String path) throws IOException, InterruptedException {
        cluster.captureIntegrityBaseline(database, CRITICAL_TABLES, workspace, path);
    }

    /** {@code user@127.0.0.1:PORT/DATABASE}, for people. */
    public String describe() {
        return cluster.describe(database);
    }

    public String host() {
        return cluster.host();
    }

    public int port() {
        return cluster.port();
    }

    public String user() {
        return LocalPostgres.SUPERUSER;
    }

    /** The same database for JDBC (no password in it). */
    public String jdbcUrl() {
        return cluster.jdbcUrl(database);
    }

    /** The generated superuser password, as the secret {@code postgres-password}. */
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
        return cluster.directory();
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
