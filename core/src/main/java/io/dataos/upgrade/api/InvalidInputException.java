package io.dataos.upgrade.api;

/**
 * Input was refused before anything ran. The message names the file (or step argument), the field
 * and how to fix it; nothing on disk or in the cluster was changed.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String source;
    private final String field;

    /**
     * The refusal of {@code field} in {@code source}; both may echo what a file or a person wrote (a
     * YAML key, a path), so they are neutralized ({@link io.dataos.upgrade.text.FreeText}): a refusal
     * cannot carry terminal escapes or forge a second line.
     */
    public InvalidInputException(String source, String field, String problemAndFix) {
        super(io.dataos.upgrade.text.FreeText.neutral(source) + ": " + io.dataos.upgrade.text.FreeText.neutral(field)
                + ": " + io.dataos.upgrade.text.FreeText.neutral(problemAndFix));
        this.source = io.dataos.upgrade.text.FreeText.neutral(source);
        this.field = io.dataos.upgrade.text.FreeText.neutral(field);
    }

    /** For subclasses that compose their own message (several problems at once). */
    protected InvalidInputException(String source, String field, String message, boolean composed) {
        super(message);
        this.source = source;
        this.field = field;
    }

    /** The file or argument that held the bad value. */
    public String source() {
        return source;
    }

    /** The field path inside it, e.g. {@code coreKernel[2].version}. */
    public String field() {
        return field;
    }
}
