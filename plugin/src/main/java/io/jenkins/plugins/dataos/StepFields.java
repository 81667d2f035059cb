package io.jenkins.plugins.dataos;

import hudson.AbortException;
import hudson.util.FormValidation;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks step arguments share, in two forms: {@code check…} answers the Snippet Generator's form
 * validation, {@code require…} refuses a bad argument when the step starts, before anything runs.
 */
final class StepFields {

    private static final Pattern GATE_ID = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

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
        Deque<String> parts = new ArrayDeque<>();
        for (String part : unified.split("/")) {
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Messages.format("Field.Path.Escapes", field, value);
                }
                parts.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.addLast(part);
            }
        }
        return null;
    }

    /**
     * The run state folder (journals, backup kits, locks) is meant to lie outside the workspace, so that it outlives
     * it: an absolute path on the agent, or a path inside the workspace.
     */
    static String problemWithStateDir(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        String unified = value.trim().replace('\\', '/');
        if (unified.startsWith("/") || unified.matches("^[A-Za-z]:/.*")) {
            return ("/" + unified + "/").contains("/../") ? Messages.format("Field.Path.Escapes", field, value) : null;
        }
        return problemWithPath(field, value);
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

    /** Whether {@code value} can name a run (and so a journal directory), by the engine's rule for run ids. */
    static String problemWithRunId(String field, String value) {
        if (text(value) == null || RUN_ID.matcher(value.trim()).matches()) {
            return null;
        }
        return Messages.format("Field.RunId", field, value);
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

    /** Whether {@code value} can name a secret (it becomes an environment variable name in upper case). */
    static String problemWithSecretName(String field, String value) {
        String name = text(value);
        if (name == null) {
            return Messages.format("Field.Required", field, "the secret's name as the settings or checks file uses it");
        }
        return SECRET_NAME.matcher(name).matches() ? null : Messages.format("Field.SecretName", field, value);
    }

    /**
     * Whether every secret has a valid name given once, a credentials id, and a name that is not one of
     * {@code reserved} (those have their own arguments).
     */
    static String problemWithSecrets(String field, List<SecretCredential> secrets, List<String> reserved) {
        if (secrets == null) {
            return null;
        }
        Set<String> names = new HashSet<>();
        for (SecretCredential s : secrets) {
            String problem = first(problemWithSecretName(field + ".name", s.getName()),
                    problemWithRequired(field + ".credentialsId", s.getCredentialsId(),
                            "the id of a 'Secret text' credential"));
            if (problem != null) {
                return problem;
            }
            if (reserved.contains(s.getName())) {
                return Messages.format("Field.SecretCredential.Reserved", field, s.getName());
            }
            if (!names.add(s.getName())) {
                return Messages.format("Field.SecretCredential.Twice", field, s.getName());
            }
        }
        return null;
    }

    /** Whether every approval names a gate and an approver, and no gate twice. */
    static String problemWithApprovals(String field, List<Approval> approvals) {
        if (approvals == null) {
            return null;
        }
        Set<String> gates = new HashSet<>();
        for (Approval a : approvals) {
            String problem = a.problem(field);
            if (problem != null) {
                return problem;
            }
            if (!gates.add(a.getGate())) {
                return Messages.format("Field.Approval.Twice", field, a.getGate());
            }
        }
        return null;
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
