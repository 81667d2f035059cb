package io.dataos.upgrade.plan;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates how long the platform is disrupted by a plan: the longest chain of disruptive actions
 * through the DAG, each weighted by a nominal duration. Preparation and pure approvals weigh
 * nothing (nothing is down while people decide); manual work such as building a new cluster does. The durations rank plans and size the
 * announcement; they are not a promise and a release's own {@code downtime} takes precedence.
 */
final class DowntimeEstimate {

    private DowntimeEstimate() {}

    /** Nominal duration of one action of {@code kind}. */
    static Duration nominal(ActionKind kind) {
        return Duration.ofMinutes(switch (kind) {
            case REMOVE_STACK, REMOVE_COMPONENT -> 5;
            case REINSTALL_STACK, REVERT_CLUSTER_IMAGE, ROLLBACK_COMPONENT, HELM_ROLLBACK -> 10;
            case HELM_UPGRADE -> 20;
            case VALIDATE, VERIFY_ROLLBACK -> 15;
            case IAC_ROLLBACK -> 30;
            case RESTORE_POSTGRES -> 60;
            case NEW_CLUSTER -> 240;
            default -> 0;
        });
    }

    /** The longest weighted path through {@code actions} (listed in dependency order). */
    static Duration criticalPath(List<PlanAction> actions) {
        Map<String, Duration> finish = new HashMap<>();
        Duration longest = Duration.ZERO;
        for (PlanAction action : actions) {
            Duration start = Duration.ZERO;
            for (String dependency : action.dependsOn()) {
                Duration end = finish.get(dependency);
                if (end.compareTo(start) > 0) {
                    start = end;
                }
            }
            Duration end = start.plus(nominal(action.kind()));
            finish.put(action.id(), end);
            if (end.compareTo(longest) > 0) {
                longest = end;
            }
        }
        return longest;
    }

    /** {@code 5h 45m}, {@code 40m}, {@code 0m}. */
    static String human(Duration duration) {
        long minutes = duration.toMinutes();
        long hours = minutes / 60;
        long rest = minutes % 60;
        return hours == 0 ? rest + "m" : rest == 0 ? hours + "h" : hours + "h " + rest + "m";
    }
}
