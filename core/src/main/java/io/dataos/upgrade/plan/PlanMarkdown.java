package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A plan as Markdown for people to review before anything runs: summary, risk assessment, the
 * approval gates, release notes for an upgrade, and every action grouped by phase with what it
 * changes and what it waits for. Text from manifests is escaped so it cannot inject markup.
 */
public final class PlanMarkdown {

    /** {@code &name;} or {@code &#123;}: would be read as a character reference. */
    private static final Pattern ENTITY = Pattern.compile("&#?[A-Za-z0-9]+;");

    private PlanMarkdown() {}

    public static String render(Plan plan) {
        StringBuilder out = new StringBuilder();
        String title = plan.type() == PlanType.UPGRADE ? "Upgrade" : "Rollback";
        out.append("# ").append(title).append(" plan: DataOS ").append(escape(plan.fromVersion())).append(" → ")
                .append(escape(plan.toVersion())).append("\n\n");
        out.append("Plan `").append(plan.id()).append("`\n\n");
        if (plan.isEmpty()) {
            out.append("**Nothing to do.** ").append(escape(plan.message())).append("\n");
            return out.toString();
        }
        RiskAssessment risk = plan.risk();
        out.append("| Actions | Approval gates | Risk | Estimated downtime |\n|---|---|---|---|\n")
                .append("| ").append(plan.actions().size()).append(" | ").append(plan.gates().size()).append(" | **")
                .append(risk.level()).append("** | ").append(DowntimeEstimate.human(risk.estimatedDowntime()))
                .append(" |\n\n");

        out.append("## Risk assessment\n\n");
        out.append("Level: **").append(risk.level()).append("**\n\n");
        bullets(out, risk.reasons());
        out.append("\n### Affected components\n\n| Layer | Components |\n|---|---|\n");
        for (Layer layer : Layer.values()) {
            List<String> names = risk.affectedComponents().get(layer);
            out.append("| ").append(layerTitle(layer)).append(" | ")
                    .append(names.isEmpty() ? "none" : cell(String.join(", ", names))).append(" |\n");
        }
        if (!risk.irreversibleSteps().isEmpty()) {
            out.append("\n### Irreversible steps\n\n");
            bullets(out, risk.irreversibleSteps().stream().map(id -> "`" + id + "`: " + describe(plan, id)).toList(),
                    false);
        }
        if (!risk.manualSteps().isEmpty()) {
            out.append("\n### Manual steps\n\n");
            bullets(out, risk.manualSteps().stream().map(id -> "`" + id + "`: " + describe(plan, id)).toList(), false);
        }
        if (!risk.mitigations().isEmpty()) {
            out.append("\n### Mitigations\n\n");
            bullets(out, risk.mitigations());
        }
        if (!risk.notes().isEmpty()) {
            out.append("\n### Notes\n\n");
            bullets(out, risk.notes());
        }

        out.append("\n## Approval gates\n\n");
        if (risk.approvals().isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| Gate | Approvers | Why |\n|---|---|---|\n");
            for (RequiredApproval approval : risk.approvals()) {
                out.append("| `").append(approval.actionId()).append("` | ").append(cell(String.join(", ",
                        approval.approvers()))).append(" | ").append(cell(approval.reason())).append(" |\n");
            }
        }

        plan.actions().stream().filter(a -> a.kind() == ActionKind.REVIEW_RELEASE_NOTES).findFirst()
                .ifPresent(review -> releaseNotes(out, review));

        out.append("\n## Actions\n\n");
        out.append("Actions run when everything in *After* has succeeded; actions of one phase with nothing"
                + " between them may run in parallel. 🔒 marks an approval gate.\n");
        Map<Phase, List<PlanAction>> byPhase = new LinkedHashMap<>();
        for (PlanAction action : plan.actions()) {
            byPhase.computeIfAbsent(action.phase(), p -> new ArrayList<>()).add(action);
        }
        int number = 1;
        for (Map.Entry<Phase, List<PlanAction>> phase : byPhase.entrySet()) {
            out.append("\n### ").append(phaseTitle(phase.getKey())).append("\n\n");
            out.append("| # | Action | Component | Change | What | After |\n|---|---|---|---|---|---|\n");
            for (PlanAction action : phase.getValue()) {
                out.append("| ").append(number++).append(" | ").append(action.requiresApproval() ? "🔒 " : "")
                        .append('`').append(action.id()).append("` | ")
                        .append(action.component() == null ? "" : cell(action.component())).append(" | ")
                        .append(change(action)).append(" | ").append(cell(action.description()))
                        .append(action.requiresApproval() ? " — approvers: " + cell(String.join(", ",
                                action.approvers())) : "")
                        .append(" | ").append(after(action)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static void releaseNotes(StringBuilder out, PlanAction review) {
        String url = review.params().get(ActionParams.NOTES_URL);
        String highlights = review.params().get(ActionParams.NOTES_HIGHLIGHTS);
        String breaking = review.params().get(ActionParams.NOTES_BREAKING);
        if (url == null && highlights == null && breaking == null) {
            return;
        }
        out.append("\n## Release notes\n\n");
        if (url != null) {
            out.append("Full notes: <").append(escape(url)).append(">\n\n");
        }
        if (highlights != null) {
            out.append("Highlights:\n\n");
            bullets(out, List.of(highlights.split("\n")));
            out.append('\n');
        }
        if (breaking != null) {
            out.append("**Breaking changes:**\n\n");
            bullets(out, List.of(breaking.split("\n")));
        }
    }

    private static String describe(Plan plan, String actionId) {
        return plan.action(actionId).map(a -> escape(a.description())).orElse("");
    }

    private static String change(PlanAction action) {
        if (action.from() == null && action.to() == null) {
            return "";
        }
        return cell((action.from() == null ? "(none)" : action.from()) + " → " + (action.to() == null ? "(removed)"
                : action.to()));
    }

    private static String after(PlanAction action) {
        if (action.dependsOn().isEmpty()) {
            return "start";
        }
        if (action.dependsOn().size() > 6) {
            return action.dependsOn().size() + " actions";
        }
        return String.join(", ", action.dependsOn().stream().map(id -> "`" + id + "`").toList());
    }

    private static String layerTitle(Layer layer) {
        return switch (layer) {
            case USER_SPACE -> "User Space";
            case CORE_KERNEL -> "Core Kernel";
            case CLOUD_KERNEL -> "Cloud Kernel";
        };
    }

    private static String phaseTitle(Phase phase) {
        return switch (phase) {
            case PREPARE -> "Preparation";
            case MANAGER -> "dataos-manager release";
            case USER_SPACE -> "Step 1: User Space";
            case CORE_KERNEL -> "Step 2: Core Kernel";
            case CLOUD_KERNEL -> "Step 3: Cloud Kernel";
            case VERIFY -> "Verification";
        };
    }

    private static void bullets(StringBuilder out, List<String> lines) {
        bullets(out, lines, true);
    }

    private static void bullets(StringBuilder out, List<String> lines, boolean escapeThem) {
        for (String line : lines) {
            out.append("- ").append(escapeThem ? escape(line) : line).append('\n');
        }
    }

    /** Escapes text for a table cell: markup and pipes neutralised, line breaks flattened. */
    private static String cell(String text) {
        return escape(text).replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Neutralises HTML and the Markdown characters that could turn text into links or emphasis, with
     * backslash escapes rather than entities, so the plan reads the same in a terminal ({@code ->} and
     * {@code < 2.0} stay as written): {@code <} only where it could open a tag or autolink, {@code >}
     * only at the start (a quote), {@code &} only where it would read as a character reference.
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            switch (c) {
                case '<' -> out.append(Character.isLetter(next) || next == '/' || next == '!' || next == '?'
                        ? "\\<" : "<");
                case '>' -> out.append(out.length() == 0 ? "\\>" : ">");
                case '&' -> out.append(ENTITY.matcher(text).region(i, text.length()).lookingAt() ? "&amp;" : "&");
                case '[', ']', '*', '_', '`', '\\' -> out.append('\\').append(c);
                default -> out.append(c < 0x20 && c != '\n' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
