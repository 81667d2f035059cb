package io.dataos.upgrade.model;

import com.github.zafarkhaja.semver.expr.Expression;
import com.github.zafarkhaja.semver.expr.ExpressionParser;
import io.dataos.upgrade.api.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A semantic-version range a release requires of another component, e.g. {@code >=1.28 <1.31},
 * {@code ^2.4}, {@code 1.x}, {@code 1.2 - 1.4} or {@code >=14 || ~13.9}. Ranges are evaluated in
 * the engine by java-semver's expression parser and never reach a shell; even so only the
 * characters a range needs are accepted.
 */
public final class VersionRange {

    // Comparison and grouping operators are allowed here (and only here); '$', '`', ';', quotes,
    // backslashes and control characters are not.
    private static final Pattern CHARACTERS = Pattern.compile("[0-9A-Za-z.*+ <>=!~^&|()-]{1,200}");
    // npm-style "a b" means "a and b"; java-semver wants an explicit '&'.
    private static final Pattern IMPLICIT_AND = Pattern.compile("(?<=[0-9A-Za-z*)])\\s+(?=[<>=!~^(])");

    private final String text;
    private final Expression expression;

    private VersionRange(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the problem and the accepted syntax
     */
    public static VersionRange parse(String text) {
        Objects.requireNonNull(text, "text");
        String syntax = "write a range such as '>=1.28 <1.31', '>=1.28 & <1.31', '^2.4', '~1.9', '1.x', '1.2 - 1.4'"
                + " or '>=14 || ~13.9'";
        String trimmed = text.strip();
        if (!CHARACTERS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a version range: " + syntax);
        }
        try {
            Expression expression = ExpressionParser.newInstance().parse(IMPLICIT_AND.matcher(trimmed).replaceAll(" & "));
            return new VersionRange(trimmed, expression);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a version range ("
                    + e.getMessage() + "): " + syntax, e);
        }
    }

    /** Parses {@code text}, reporting a bad value as invalid input in {@code source} at {@code field}. */
    public static VersionRange parse(String text, String source, String field) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, field, e.getMessage());
        }
    }

    /** Whether {@code version} lies in this range. */
    public boolean contains(ComponentVersion version) {
        return expression.interpret(version.semver());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The range as written. */
    @Override
    public String toString() {
        return text;
    }
}
