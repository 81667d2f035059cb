package io.dataos.upgrade.plan;

import io.dataos.upgrade.model.PlatformState;
import io.dataos.upgrade.model.Stakeholders;
import java.util.List;

/** Who approves the operators' gates and who hears announcements, from the installed state's stakeholders. */
final class Audiences {

    /** Approver named when the installed state lists no operators. */
    static final String DEFAULT_OPERATORS = "dataos-operators";

    private Audiences() {}

    static List<String> operators(PlatformState installed) {
        List<String> operators = installed.stakeholders().operators();
        return operators.isEmpty() ? List.of(DEFAULT_OPERATORS) : operators;
    }

    /** Puts each audience's contacts on an announcement, one parameter per audience that has any. */
    static void addressTo(PlanGraph.Draft announce, Stakeholders stakeholders) {
        for (Stakeholders.Audience audience : Stakeholders.Audience.values()) {
            List<String> contacts = stakeholders.contacts(audience);
            if (!contacts.isEmpty()) {
                announce.param(ActionParams.AUDIENCE_PREFIX + audience.key(), String.join(",", contacts));
            }
        }
    }
}
