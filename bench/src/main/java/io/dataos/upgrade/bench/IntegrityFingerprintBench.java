package io.dataos.upgrade.bench;

import io.dataos.upgrade.postgres.LocalPostgresCluster;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.verify.CriticalTables;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * How long a data-integrity fingerprint of a critical table takes on a real PostgreSQL (a throw-away
 * cluster from Debian's binaries): tables of 100 000 and 1 000 000 rows of a typical catalog shape.
 * Needs the postgresql-15 package; as root it runs the server as the postgres user.
 */
public final class IntegrityFingerprintBench {

    private IntegrityFingerprintBench() {
    }

    public static void main(String[] args) throws Exception {
        try (LocalPostgresCluster pg = LocalPostgresCluster.start(new LocalCommandRunner(), null)) {
            String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres";
            try (Connection c = DriverManager.getConnection(url, LocalPostgresCluster.SUPERUSER, pg.password().reveal());
                    Statement s = c.createStatement()) {
                for (int rows : new int[] {100_000, 1_000_000}) {
                    String table = "assets_" + rows;
                    s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, urn text, owner text, tags text[],"
                            + " updated timestamptz)");
                    s.execute("INSERT INTO " + table + " SELECT g, 'urn:dataos:metis:dataset:' || g, 'team-' || (g % 50),"
                            + " ARRAY['pii','gold'], now() FROM generate_series(1, " + rows + ") g");
                    s.execute("VACUUM ANALYZE " + table);
                    CriticalTables tables = new CriticalTables(url, LocalPostgresCluster.SUPERUSER, pg.password(),
                            Duration.ofMinutes(5));
                    tables.fingerprint(List.of(table)); // warm the cache: measure the hashing, not the disk
                    long[] nanos = new long[5];
                    for (int i = 0; i < nanos.length; i++) {
                        long start = System.nanoTime();
                        tables.fingerprint(List.of(table));
                        nanos[i] = System.nanoTime() - start;
                    }
                    java.util.Arrays.sort(nanos);
                    System.out.printf("fingerprint of %,d rows: median %.0f ms (%.0f rows/ms)%n", rows,
                            nanos[2] / 1e6, rows / (nanos[2] / 1e6));
                }
            }
        }
    }
}
