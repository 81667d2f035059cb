package io.dataos.upgrade.report;

import io.dataos.upgrade.model.Layer;
import java.util.Locale;
import java.util.Map;

/**
 * The journal's names (action kinds, states, outcomes, layers, phases) as a person reads them in a
 * report: {@code ROLLBACK_COMPONENT} is "rollback component", {@code USER_SPACE} is "User Space".
 */
final class ReportText {

    private static final Map<String, String> WORDS = Map.of("helm", "Helm", "iac", "IaC", "postgres", "PostgreSQL");

    private ReportText() {
    }

    /** An action kind in words; null or blank as "—". */
    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "—";
        }
        StringBuilder out = new StringBuilder();
        for (String word : kind.toLowerCase(Locale.ROOT).split("_")) {
            out.append(out.length() == 0 ? "" : " ").append(WORDS.getOrDefault(word, word));
        }
        return out.toString();
    }

    /** An action's state: done, FAILED, REJECTED, not run … (what went wrong stays in capitals). */
    static String state(String state) {
        if (state == null) {
            return "—";
        }
        return switch (state) {
            case "SUCCEEDED" -> "done";
            case "FAILED", "REJECTED" -> state;
            case "PENDING" -> "not run";
            case "STARTED" -> "started, not finished";
            case "WAITING_FOR_APPROVAL" -> "waiting for approval";
            default -> state.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** A run's outcome: succeeded, FAILED, ROLLED BACK, interrupted, unfinished … */
    static String outcome(String outcome) {
        if (outcome == null) {
            return "unfinished";
        }
        return switch (outcome) {
            case "SUCCEEDED" -> "succeeded";
            case "FAILED", "REJECTED" -> outcome;
            case "ROLLED_BACK" -> "ROLLED BACK";
            default -> outcome.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    static String layer(Layer layer) {
        return layer == null ? "—" : layer.title();
    }

    /** The lane an action is drawn in: its layer, else its phase (preparation, the manager release, verification). */
    static String lane(Layer layer, String phase) {
        if (layer != null) {
            return layer.title();
        }
        if (phase == null) {
            return "Other";
        }
        return switch (phase) {
            case "PREPARE" -> "Preparation";
            case "MANAGER" -> "dataos-manager release";
            case "VERIFY" -> "Verification";
            case "USER_SPACE" -> Layer.USER_SPACE.title();
            case "CORE_KERNEL" -> Layer.CORE_KERNEL.title();
            case "CLOUD_KERNEL" -> Layer.CLOUD_KERNEL.title();
            default -> phase.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
