package io.dataos.upgrade.run;

import static io.dataos.upgrade.run.TestPlans.command;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanGraphTest {

    private static PlanAction a(String id, String... deps) {
        return command(id, List.of(deps), "true");
    }

    @Test
    void duplicateActionIdsAreRefusedNamingBothPositions() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of(a("x"), a("y"), a("x"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan.json: actions[2].id")
                .hasMessageContaining("actions[0]");
    }

    @Test
    void dependencyOnAnUnknownActionIsRefusedNamingTheField() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of(a("x"), a("y", "x", "ghost"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("actions[1].dependsOn[1]")
                .hasMessageContaining("'ghost'");
    }

    @Test
    void dependencyCycleIsRefusedShowingTheCycle() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of(a("free"), a("a", "c"), a("b", "a"),
                a("c", "b"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dependency cycle a -> c -> b -> a");
    }

    @Test
    void actionDependingOnItselfIsACycle() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of(a("self", "self"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("self -> self");
    }

    @Test
    void emptyPlanIsRefused() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("plan.json: actions")
                .hasMessageContaining("no actions");
    }

    @Test
    void actionIdWithWhitespaceIsRefused() {
        assertThatThrownBy(() -> PlanGraph.of("plan.json", List.of(a("two words"))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("actions[0].id");
    }

    @Test
    void topologicalOrderPutsDependenciesFirstAndOtherwiseKeepsThePlanOrder() {
        PlanGraph graph = PlanGraph.of("p", List.of(a("d", "b"), a("a"), a("b", "a"), a("c")));

        assertThat(graph.topologicalOrder()).extracting(PlanAction::id).containsExactly("a", "b", "d", "c");
        assertThat(graph.transitiveDependents("a")).containsExactlyInAnyOrder("b", "d");
    }

    @Test
    void criticalPathIsTheCostliestDependencyChain() {
        PlanGraph graph = PlanGraph.of("p", List.of(a("a"), a("b", "a"), a("c", "a"), a("d", "b", "c")));

        Duration bound = graph.criticalPath(action -> action.id().equals("c") ? 50 : 10);

        assertThat(bound).isEqualTo(Duration.ofMillis(70));
    }
}
