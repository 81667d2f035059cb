package io.dataos.upgrade.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.model.MaintenanceWindow;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.PlatformState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Objects;

/**
 * Why an edited plan file cannot run: a digest stored in the file could be recomputed by whoever
 * edits it, so a run instead makes the plan again from the inputs the file records (the manifests,
 * whose bytes must still have the recorded SHA-256, and the options) with the same planner, and
 * refuses the file unless every field is the same. Planning and re-deriving share {@link #derive},
 * so an unedited plan always matches.
 */
public final class PlanSeal {

    private PlanSeal() {}

    /**
     * The plan the planner makes of type {@code type} from {@code inputs}, whose files hold
     * {@code installed} and {@code target}; the window is judged at {@code inputs.plannedAt()}.
     *
     * @throws InvalidInputException when the inputs do not make a plan (as when planning)
     */
    public static Plan derive(PlanType type, PlanInputs inputs, byte[] installed, byte[] target) {
        PlatformState state = Manifests.readPlatformState(installed, inputs.installed().path());
        Clock clock = Clock.fixed(inputs.plannedAt(), ZoneOffset.UTC);
        if (type == PlanType.UPGRADE) {
            MaintenanceWindow window = inputs.window() == null ? null
                    : MaintenanceWindow.parse(inputs.window(), null, "plan inputs", "window");
            UpgradePlanner planner = new UpgradePlanner(clock);
            return (inputs.checks() == null ? planner : planner.withChecks(inputs.checks()))
                    .plan(state, Manifests.readRelease(target, inputs.target().path()), window);
        }
        RollbackPlanner planner = new RollbackPlanner();
        return (inputs.checks() == null ? planner : planner.withChecks(inputs.checks()))
                .plan(state, Manifests.read(target, inputs.target().path()));
    }

    /**
     * Refuses {@code read} (the plan file {@code source}) unless it is exactly {@code derived},
     * naming the first field that differs.
     */
    public static void requireSame(Plan read, Plan derived, String source) {
        String difference = firstDifference(PlanJson.tree(read), PlanJson.tree(derived), "");
        if (difference != null) {
            throw new InvalidInputException(source, difference, "differs from the plan its recorded inputs make"
                    + " (the file was edited, or planned by another version of dataos-upgrade): an edited plan does not"
                    + " run; plan again (dataos-upgrade plan) and review that plan");
        }
    }

    /** The path of the first field where {@code a} and {@code b} differ, or null when they are equal. */
    static String firstDifference(JsonNode a, JsonNode b, String path) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            return a == null && b == null ? null : name(path);
        }
        if (a.isObject()) {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                String field = names.next();
                String d = firstDifference(a.get(field), b.get(field), path.isEmpty() ? field : path + "." + field);
                if (d != null) {
                    return d;
                }
            }
            Iterator<String> others = b.fieldNames();
            while (others.hasNext()) {
                String field = others.next();
                if (!a.has(field)) {
                    return path.isEmpty() ? field : path + "." + field;
                }
            }
            return null;
        }
        if (a.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                String d = firstDifference(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return Objects.equals(a, b) ? null : name(path);
    }

    private static String name(String path) {
        return path.isEmpty() ? "(file)" : path;
    }
}
