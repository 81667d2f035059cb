package io.dataos.upgrade.values;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A container image tag as the OCI distribution spec allows it ({@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}),
 * e.g. the dataos-manager version an upgrade moves to.
 */
public record ImageTag(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** Refuses a value that no registry would accept as a tag, naming {@code source} and {@code field}. */
    public static ImageTag parse(String source, String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(source, field, "is empty: give the dataos-manager image tag of the release,"
                    + " e.g. 1.12.3");
        }
        if (!VALID.matcher(value).matches()) {
            String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
            throw new InvalidInputException(source, field, "'" + shown + "' is not a valid image tag: use 1 to 128"
                    + " letters, digits, '_', '.' or '-', not starting with '.' or '-' (e.g. 1.12.3 or v1.12.3-rc1)");
        }
        return new ImageTag(value);
    }

    public ImageTag {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid image tag; use ImageTag.parse for user input");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
