package io.dataos.upgrade.postgres;

import io.dataos.upgrade.process.CapturedOutput;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore, psql) run through the
 * {@link CommandRunner}: dump in custom format, list and restore a dump, create and drop databases,
 * and fingerprint tables. The password travels in {@code PGPASSWORD} only and is masked.
 */
public final class PostgresClient {

    /** How long a dump or a restore may run before it is stopped. */
    public static final Duration DUMP_TIMEOUT = Duration.ofHours(2);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(10);

    private final CommandRunner runner;
    private final String binDir;
    private final Secret password;
    private final Consumer<String> log;

    /**
     * @param binDir directory of pg_dump/pg_restore/psql (null: take them from PATH); they must be
     *     at least as new as the server
     * @param password the database password (the {@value PostgresConnection#PASSWORD_SECRET} secret)
     */
    public PostgresClient(CommandRunner runner, String binDir, Secret password, Consumer<String> log) {
        this.runner = Objects.requireNonNull(runner);
        this.binDir = binDir;
        this.password = Objects.requireNonNull(password, "password");
        this.log = log == null ? line -> { } : log;
    }

    /** {@code pg_dump -Fc -f FILE}: a consistent snapshot of the database in custom format. */
    public void dump(PostgresConnection connection, String dumpFile) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(connection.connectionArgs());
        args.addAll(List.of("--format=custom", "--file", dumpFile));
        check(run("pg_dump", args, DUMP_TIMEOUT, log), "pg_dump of " + connection.describe());
    }

    /** {@code pg_restore --list FILE}: the dump's table of contents; fails on a damaged archive. */
    public List<String> list(String dumpFile) throws IOException, InterruptedException {
        CapturedOutput out = run("pg_restore", List.of("--list", dumpFile), QUERY_TIMEOUT, line -> { });
        check(out, "pg_restore --list " + dumpFile);
        return out.lines().stream().filter(l -> !l.isBlank() && !l.startsWith(";")).toList();
    }

    /**
     * {@code pg_restore --exit-on-error --single-transaction -d DB FILE} into an existing (normally
     * empty) database: all of it restores, or nothing does.
     */
    public void restore(PostgresConnection into, String dumpFile, boolean noOwner)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(into.connectionArgs());
        args.addAll(List.of("--exit-on-error", "--single-transaction"));
        if (noOwner) {
            args.add("--no-owner");
        }
        args.add(dumpFile);
        check(run("pg_restore", args, DUMP_TIMEOUT, log), "pg_restore of " + dumpFile + " into " + into.describe());
    }

    /** Runs SQL statements with psql, stopping at the first error; returns psql's unaligned rows. */
    public List<String> sql(PostgresConnection connection, String... statements) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(connection.connectionArgs());
        args.addAll(List.of("-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
        for (String statement : statements) {
            args.add("-c");
            args.add(statement);
        }
        CapturedOutput out = run("psql", args, QUERY_TIMEOUT, line -> { });
        check(out, "psql on " + connection.describe());
        return out.lines();
    }

    /** Creates {@code name} from template0 (as pg_restore wants), owned by the connecting user. */
    public void createDatabase(PostgresConnection server, String name) throws IOException, InterruptedException {
        PostgresConnection.requireIdentifier("database", name);
        sql(server.withDatabase("postgres"), "CREATE DATABASE \"" + name + "\" TEMPLATE template0");
    }

    /** Drops {@code name} if it exists, disconnecting its sessions (PostgreSQL 13+). */
    public void dropDatabase(PostgresConnection server, String name) throws IOException, InterruptedException {
        PostgresConnection.requireIdentifier("database", name);
        sql(server.withDatabase("postgres"), "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    }

    /** Whether a database called {@code name} exists on the server. */
    public boolean databaseExists(PostgresConnection server, String name) throws IOException, InterruptedException {
        PostgresConnection.requireIdentifier("database", name);
        return sql(server.withDatabase("postgres"), "SELECT 1 FROM pg_database WHERE datname = '" + name + "'")
                .contains("1");
    }

    /**
     * Renames {@code current} to {@code keepAs} and {@code replacement} to {@code current} in one
     * transaction (PostgreSQL allows ALTER DATABASE RENAME in a transaction block): either both
     * renames happen or neither does, so {@code current} always exists. Sessions on either database
     * are ended first.
     */
    public void swapDatabases(PostgresConnection server, String current, String replacement, String keepAs)
            throws IOException, InterruptedException {
        PostgresConnection.requireIdentifier("database", current);
        PostgresConnection.requireIdentifier("database", replacement);
        PostgresConnection.requireIdentifier("database", keepAs);
        sql(server.withDatabase("postgres"),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('" + current + "', '"
                        + replacement + "')",
                "BEGIN; ALTER DATABASE \"" + current + "\" RENAME TO \"" + keepAs + "\"; ALTER DATABASE \""
                        + replacement + "\" RENAME TO \"" + current + "\"; COMMIT;");
    }

    /**
     * Row count and MD5 of every user table of the database, by "schema.table". The MD5 covers each
     * row's text form in sorted order, so it does not depend on physical row order.
     */
    public Map<String, TableFingerprint> fingerprints(PostgresConnection connection)
            throws IOException, InterruptedException {
        List<String> tables = sql(connection, "SELECT quote_ident(schemaname) || '.' || quote_ident(tablename)"
                + " FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
                + " AND schemaname NOT LIKE 'pg_toast%' ORDER BY 1");
        Map<String, TableFingerprint> result = new LinkedHashMap<>();
        if (tables.isEmpty()) {
            return result;
        }
        StringBuilder query = new StringBuilder();
        for (String table : tables) {
            if (query.length() > 0) {
                query.append(" UNION ALL ");
            }
            // quote_ident made the name safe; the literal form only needs its quotes doubled.
            query.append("SELECT '").append(table.replace("'", "''")).append("', count(*), md5(coalesce(string_agg(")
                    .append("t::text, chr(10) ORDER BY t::text), '')) FROM ").append(table).append(" t");
        }
        for (String row : sql(connection, query.toString())) {
            String[] parts = row.split("\\|", -1);
            int n = parts.length;
            String table = String.join("|", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            result.put(table, new TableFingerprint(table, Long.parseLong(parts[n - 2]), parts[n - 1]));
        }
        return result;
    }

    private CapturedOutput run(String program, List<String> args, Duration timeout, Consumer<String> echo)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        argv.add(binDir == null ? program : binDir + "/" + program);
        argv.addAll(args);
        Command command = new Command(argv, Map.of("PGPASSWORD", password.reveal(), "PGCONNECT_TIMEOUT", "15"), null,
                timeout, List.of(password));
        return CapturedOutput.run(runner, command, echo);
    }

    private static void check(CapturedOutput out, String what) {
        if (!out.succeeded()) {
            throw new CommandFailedException(what, out);
        }
    }
}
