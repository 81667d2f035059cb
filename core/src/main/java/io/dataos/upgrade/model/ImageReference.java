package io.dataos.upgrade.model;

import io.dataos.upgrade.api.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A container image reference {@code [registry[:port]/]repository:tag[@sha256:digest]}, checked
 * against the OCI distribution grammar. A tag is required: an untagged image means "latest", which
 * cannot be reverted to.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::[0-9]{1,5})?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    public ImageReference {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(tag, "tag");
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what is wrong and the expected form
     */
    public static ImageReference parse(String text) {
        Objects.requireNonNull(text, "text");
        String form = "write registry/repository:tag, e.g. docker.io/rubiklabs/minerva:0.5.1";
        if (text.isEmpty() || text.length() > 512) {
            throw new IllegalArgumentException("image reference is empty or too long: " + form);
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has a bad digest: write"
                        + " @sha256: followed by 64 lower-case hex digits");
            }
        }
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon <= slash) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has no tag: " + form);
        }
        String tag = rest.substring(colon + 1);
        String name = rest.substring(0, colon);
        if (!Identifiers.TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has an invalid tag '"
                    + Identifiers.printable(tag) + "': a tag is 1-128 of [A-Za-z0-9_.-] and does not start with '.'"
                    + " or '-'");
        }
        String registry = null;
        String repository = name;
        int firstSlash = name.indexOf('/');
        if (firstSlash > 0) {
            String first = name.substring(0, firstSlash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                repository = name.substring(firstSlash + 1);
                if (!DOMAIN.matcher(registry).matches()) {
                    throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has an invalid registry '"
                            + Identifiers.printable(registry) + "': " + form);
                }
            }
        }
        if (repository.isEmpty()) {
            throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has no repository: " + form);
        }
        for (String component : repository.split("/", -1)) {
            if (!PATH_COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("'" + Identifiers.printable(text) + "' has an invalid repository"
                        + " part '" + Identifiers.printable(component) + "': use lower-case letters, digits and"
                        + " single '.', '_' or '-' between them; " + form);
            }
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** Parses {@code text}, reporting a bad value as invalid input in {@code source} at {@code field}. */
    public static ImageReference parse(String text, String source, String field) {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, field, e.getMessage());
        }
    }

    /** The reference as written: {@code registry/repository:tag[@digest]}. */
    @Override
    public String toString() {
        return (registry == null ? "" : registry + "/") + repository + ":" + tag + (digest == null ? "" : "@" + digest);
    }
}
