package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.util.FormValidation;
import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.run.Journal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks step arguments share, in two forms: {@code check…} answers the Snippet Generator's form
 * validation, {@code require…} refuses a bad argument when the step starts, before anything runs.
 */
final class StepFields {

    private static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

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

    /** The first problem among a list of workspace paths. */
    static String problemWithPaths(String field, List<String> values) {
        if (values == null) {
            return null;
        }
        for (String value : values) {
            String problem = text(value) == null ? Messages.format("Field.Required", field + " entry",
                    "a workspace path") : problemWithPath(field, value);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /** Whether {@code value} can name a run (and so a journal directory). */
    static String problemWithRunId(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            Journal.checkRunId(value.trim(), field);
            return null;
        } catch (InvalidInputException e) {
            return Messages.format("Field.RunId", field, value);
        }
    }

    /** Whether {@code value} is a maintenance window in one of the forms the engine reads. */
    static String problemWithWindow(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            MaintenanceWindow.parse(value);
            return null;
        } catch (IllegalArgumentException e) {
            return Messages.format("Field.MaintenanceWindow", field, value, e.getMessage());
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

    /**
     * Whether every entry is {@code secret-name=credentials-id}, with a distinct name that is not one of
     * {@code reserved} (those have their own arguments).
     */
    static String problemWithSecretCredentials(String field, List<String> entries, List<String> reserved) {
        if (entries == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (String entry : entries) {
            String[] pair = entry == null ? new String[0] : entry.split("=", 2);
            if (pair.length != 2 || !SECRET_NAME.matcher(pair[0].trim()).matches() || pair[1].isBlank()) {
                return Messages.format("Field.SecretCredential", field, entry);
            }
            String name = pair[0].trim();
            if (reserved.contains(name)) {
                return Messages.format("Field.SecretCredential.Reserved", field, name);
            }
            if (!names.add(name)) {
                return Messages.format("Field.SecretCredential.Twice", field, name);
            }
        }
        return null;
    }

    /** The {@code secret-name=credentials-id} entries as a map, in order (checked by the caller). */
    static Map<String, String> secretCredentials(List<String> entries) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] pair = entry.split("=", 2);
            ids.put(pair[0].trim(), pair[1].trim());
        }
        return ids;
    }

    /** Splits the Snippet Generator's comma- or newline-separated text into gate ids. */
    static List<String> splitList(String value) {
        if (text(value) == null) {
            return List.of();
        }
        return Arrays.stream(value.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
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
