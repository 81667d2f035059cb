package io.dataos.upgrade.verify;

import io.dataos.upgrade.secret.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Reads the fingerprints of a PostgreSQL database's critical tables over JDBC, read-only: the
 * baseline before a change and the state after it. Table names are checked and quoted, never pasted
 * into SQL as given.
 */
public final class CriticalTables {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    /**
     * Row count and an order-independent checksum in constant memory: every row's text form is
     * hashed with md5, two 60-bit slices of each hash are summed (as numeric, so nothing overflows),
     * and the count and both sums are hashed once more. Sorting or concatenating the rows instead
     * would hold the whole table in memory. Works on PostgreSQL 9.4 and later.
     */
    static final String FINGERPRINT_SQL = "SELECT n, md5(n || ':' || s1 || ':' || s2) FROM (SELECT count(*) AS n,"
            + " coalesce(sum(('x' || substr(h, 1, 15))::bit(60)::bigint::numeric), 0) AS s1,"
            + " coalesce(sum(('x' || substr(h, 16, 15))::bit(60)::bigint::numeric), 0) AS s2"
            + " FROM (SELECT md5(CAST(t AS text)) AS h FROM %TABLE% AS t) AS rows) AS sums";
    private final String jdbcUrl;
    private final String user;
    private final Secret password;
    private final Duration timeout;

    /**
     * @param jdbcUrl {@code jdbc:postgresql://host:port/database}, without a password
     * @param timeout for connecting and for each table's query
     */
    public CriticalTables(String jdbcUrl, String user, Secret password, Duration timeout) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
    }

    /** The fingerprint of every table in {@code tables}, in that order. */
    public List<TableFingerprint> fingerprint(List<String> tables) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password.reveal());
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(seconds + 5));
        props.setProperty("ApplicationName", "dataos-upgrade verify");
        props.setProperty("readOnly", "true");
        List<TableFingerprint> prints = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, props)) {
            connection.setReadOnly(true);
            // one snapshot for all tables, so related tables are compared as of the same moment
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds);
                for (String table : tables) {
                    String quoted = quote(table);
                    String sql = FINGERPRINT_SQL.replace("%TABLE%", quoted);
                    try (ResultSet rs = statement.executeQuery(sql)) {
                        rs.next();
                        prints.add(new TableFingerprint(table, rs.getLong(1), rs.getString(2)));
                    }
                }
            } finally {
                connection.rollback();
            }
        }
        return prints;
    }

    /** Captures a baseline of {@code tables} now. */
    public IntegrityBaseline baseline(List<String> tables, Clock clock) throws SQLException {
        return new IntegrityBaseline(clock.instant(), jdbcUrl, fingerprint(tables));
    }

    /** {@code schema.table} quoted as an SQL identifier; refuses anything but plain names. */
    static String quote(String table) {
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("'" + table + "' is not schema.table");
        }
        StringBuilder quoted = new StringBuilder();
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("'" + table + "' is not a plain table name");
            }
            quoted.append(quoted.length() == 0 ? "" : ".").append('"').append(part).append('"');
        }
        return quoted.toString();
    }
}
