package io.dataos.upgrade.verify;

import java.util.Arrays;
import java.util.Optional;

/**
 * How strictly a critical table must match its baseline: the same content ({@code checksum}, for a
 * database restored from the backup), the same number of rows ({@code rowCount}), or no fewer rows
 * ({@code noRowsLost}, for live tables that keep growing during an upgrade).
 */
public enum IntegrityComparison {
    CHECKSUM("checksum"),
    ROW_COUNT("rowCount"),
    NO_ROWS_LOST("noRowsLost");

    private final String fileName;

    IntegrityComparison(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    public static Optional<IntegrityComparison> fromFileName(String name) {
        return Arrays.stream(values()).filter(c -> c.fileName.equals(name)).findFirst();
    }

    public static String fileNames() {
        return String.join(", ", Arrays.stream(values()).map(IntegrityComparison::fileName).toList());
    }
}
