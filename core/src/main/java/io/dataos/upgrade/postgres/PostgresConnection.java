package io.dataos.upgrade.postgres;

import io.dataos.upgrade.secret.SecretNames;
import io.dataos.upgrade.api.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the DataOS PostgreSQL database is: host, port, user and database name. The password is
 * never part of it: it comes from the secret provider ({@value #PASSWORD_SECRET}) and reaches the
 * PostgreSQL tools only through the {@code PGPASSWORD} environment variable.
 */
public record PostgresConnection(String host, int port, String user, String database) {

    /** The secret name the database password is asked for under ({@link SecretNames}). */
    public static final String PASSWORD_SECRET = SecretNames.POSTGRES_PASSWORD;

    // Names this tool creates or is given are kept to plain identifiers, so no quoting is ever needed.
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public PostgresConnection {
        if (host == null || host.isBlank() || host.startsWith("-")) {
            throw new InvalidInputException("postgres connection", "host", "'" + host + "' is not a host name");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("postgres connection", "port", port + " is not a TCP port (1-65535)");
        }
        requireIdentifier("user", user);
        requireIdentifier("database", database);
    }

    static String requireIdentifier(String field, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new InvalidInputException("postgres connection", field, "'" + name + "' is not a plain PostgreSQL"
                    + " name: use letters, digits and '_', starting with a letter or '_', at most 63 characters");
        }
        return name;
    }

    /** The same server and user, another database. */
    public PostgresConnection withDatabase(String otherDatabase) {
        return new PostgresConnection(host, port, user, otherDatabase);
    }

    /** {@code -h HOST -p PORT -U USER -d DATABASE --no-password}: never prompt, a missing password fails fast. */
    List<String> connectionArgs() {
        List<String> args = new ArrayList<>(List.of("-h", host, "-p", Integer.toString(port), "-U", user, "-d",
                database, "--no-password"));
        return args;
    }

    /** How the connection reads in messages (no password: it is never here). */
    public String describe() {
        return user + "@" + host + ":" + port + "/" + database;
    }
}
