package io.dataos.upgrade.model;

import com.github.zafarkhaja.semver.Version;
import io.dataos.upgrade.api.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The version of a DataOS release, stack or component: full semantic versions ({@code 1.10.2},
 * {@code 2.0.0-rc.1+build.5}) and the {@code major.minor} form DataOS uses for stacks ({@code 6.0},
 * read as {@code 6.0.0}). Anything else, including leading {@code v}, shell metacharacters and
 * non-ASCII digits, is refused so that no version can smuggle text into a command.
 */
public final class ComponentVersion implements Comparable<ComponentVersion> {

    /** Longest version text accepted; real versions are far shorter. */
    public static final int MAX_LENGTH = 128;

    // ASCII digits only ([0-9], not \d) so that "１.２" is refused; identifiers as in semver 2.0.0.
    private static final String NUMBER = "(?:0|[1-9][0-9]{0,17})";
    private static final String IDENTIFIER = "[0-9A-Za-z-]+";
    private static final Pattern FORM = Pattern.compile(
            NUMBER + "\\." + NUMBER + "(?:\\." + NUMBER + ")?"
                    + "(?:-" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*)?"
                    + "(?:\\+" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*)?");

    private final String text;
    private final Version semver;

    private ComponentVersion(String text, Version semver) {
        this.text = text;
        this.semver = semver;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming the problem and the accepted forms
     */
    public static ComponentVersion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("version is empty: write major.minor (6.0) or a semantic version (1.10.2)");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version is longer than " + MAX_LENGTH + " characters: write major.minor"
                    + " (6.0) or a semantic version (1.10.2, 2.0.0-rc.1) without long pre-release or build parts");
        }
        if (!FORM.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a version: write major.minor"
                    + " (6.0) or a semantic version (1.10.2, 2.0.0-rc.1); no 'v' prefix, spaces or other characters");
        }
        try {
            return new ComponentVersion(text, Version.parse(text, false));
        } catch (RuntimeException e) {
            // The pattern above is stricter than the library; this is a safety net, not a path.
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' is not a version: " + e.getMessage(), e);
        }
    }

    /** Parses {@code text}, reporting a bad value as invalid input in {@code source} at {@code field}. */
    public static ComponentVersion parse(String text, String source, String field) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, field, e.getMessage());
        }
    }

    /** Whether {@code text} is an accepted version. */
    public static boolean isValid(String text) {
        return text != null && text.length() <= MAX_LENGTH && FORM.matcher(text).matches();
    }

    /** The library's view of this version, for range checks. */
    Version semver() {
        return semver;
    }

    public long major() {
        return semver.majorVersion();
    }

    public long minor() {
        return semver.minorVersion();
    }

    public long patch() {
        return semver.patchVersion();
    }

    /** How going from this version to {@code to} changes it. */
    public VersionChange changeTo(ComponentVersion to) {
        return VersionChange.between(this, to);
    }

    /** Whether this version lies in {@code range}. */
    public boolean satisfies(VersionRange range) {
        return range.contains(this);
    }

    /**
     * Semantic-version precedence ({@code 6.0} equals {@code 6.0.0}, pre-releases sort before their
     * release); build metadata only breaks ties, so that two builds of one version still differ.
     */
    @Override
    public int compareTo(ComponentVersion other) {
        return Version.BUILD_AWARE_ORDER.compare(semver, other.semver);
    }

    /** Equal when they denote the same version, whatever the spelling ({@code 6.0} and {@code 6.0.0}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentVersion other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return semver.hashCode();
    }

    /** The version as written in the manifest. */
    @Override
    public String toString() {
        return text;
    }
}
