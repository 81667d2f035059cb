package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.util.FormValidation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks step arguments share, in two forms: {@code check…} answers the Snippet Generator's form
 * validation, {@code require…} refuses a bad argument when the step starts, before anything runs.
 */
final class StepFields {

    private static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9._:-]+");

    private StepFields() {
    }

    static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String problemWithRequired(String field, String value, String fix) {
        return text(value) == null ? Messages.format("Field.Required", field, fix) : null;
    }

    static String problemWithPath(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        String unified = value.trim().replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
            return Messages.format("Field.Path.Absolute", field, value);
        }
        try {
            FilePathWorkspace.normalize(unified);
            return null;
        } catch (IllegalArgumentException escapes) {
            return Messages.format("Field.Path.Escapes", field, value);
        }
    }

    static String problemWithChoice(String field, String value, List<String> choices) {
        if (text(value) == null || choices.contains(value.trim())) {
            return null;
        }
        return Messages.format("Field.OneOf", field, value, String.join(", ", choices));
    }

    static String problemWithPositive(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return Integer.parseInt(value.trim()) > 0 ? null : Messages.format("Field.Positive", field, value);
        } catch (NumberFormatException e) {
            return Messages.format("Field.Positive", field, value);
        }
    }

    static String problemWithGateIds(String field, List<String> ids) {
        if (ids == null) {
            return null;
        }
        for (String id : ids) {
            if (id == null || !GATE_ID.matcher(id.trim()).matches()) {
                return Messages.format("Field.GateId", field, id);
            }
        }
        return null;
    }

    /** Splits the Snippet Generator's comma- or newline-separated text into gate ids. */
    static List<String> splitList(String value) {
        if (text(value) == null) {
            return List.of();
        }
        return java.util.Arrays.stream(value.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The first non-null problem, or null. */
    static String first(String... problems) {
        for (String p : problems) {
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    static FormValidation form(String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }

    static void require(String problem) throws AbortException {
        if (problem != null) {
            throw new AbortException(problem);
        }
    }

    /** Fails on the first problem among {@code problems} (nulls are fine). */
    static void requireAll(String... problems) throws AbortException {
        for (String p : problems) {
            require(p);
        }
    }
}
