package io.dataos.upgrade.plan;

import static io.dataos.upgrade.Fixtures.platform;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.Fixtures;
import io.dataos.upgrade.model.Manifests;
import io.dataos.upgrade.model.ReleaseNotes;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanMarkdownTest {

    @Test
    void theReviewShowsRiskGatesAndEveryActionInPhaseOrder() throws Exception {
        Plan plan = new RollbackPlanner().plan(Manifests.readPlatformState(Fixtures.example("installed-1.5.yaml")),
                Manifests.readRelease(Fixtures.example("release-1.4.yaml")));

        String markdown = PlanMarkdown.render(plan);

        assertThat(markdown).startsWith("# Rollback plan: DataOS 1.5.0 → 1.4.0")
                .contains("Level: **HIGH**")
                .contains("| `core-kernel.owner-approval.metis` | metis-team@example.com |")
                .contains("### Irreversible steps");
        for (PlanAction action : plan.actions()) {
            assertThat(markdown).contains("`" + action.id() + "`");
        }
        assertThat(markdown.indexOf("### Step 1: User Space")).isLessThan(markdown.indexOf("### Step 2: Core Kernel"));
        assertThat(markdown.indexOf("### Step 2: Core Kernel")).isLessThan(markdown.indexOf("### Step 3: Cloud Kernel"));
    }

    @Test
    void textFromManifestsCannotInjectMarkup() {
        Fixtures.Builder installed = platform("1.4.0").core("metis", "2.4.0");
        Fixtures.Builder release = platform("1.5.0").core("metis", "2.5.0")
                .notes(new ReleaseNotes(List.of("<script>alert(1)</script> [click](http://evil) | col"), List.of(), null));

        String markdown = PlanMarkdown.render(new UpgradePlanner().plan(installed.state(), release.release()));

        assertThat(markdown).contains("\\<script>alert(1)\\</script> \\[click\\](http://evil)")
                .doesNotContain(" <script>");
        assertThat(markdown.replace("\\<", "")).as("every < before a tag is escaped").doesNotContain("<script>")
                .doesNotContain("</script>");
    }

    @Test
    void arrowsComparisonsAndAmpersandsReadAsWrittenInATerminal() {
        Fixtures.Builder installed = platform("1.4.0").core("metis", "2.4.0");
        Fixtures.Builder release = platform("1.5.0").core("metis", "2.5.0")
                .notes(new ReleaseNotes(List.of("metis 2.4 -> 2.5 needs poros < 2.0 & lens >= 1.1; &amp; stays text"),
                        List.of(), null));

        String markdown = PlanMarkdown.render(new UpgradePlanner().plan(installed.state(), release.release()));

        assertThat(markdown).contains("- metis 2.4 -> 2.5 needs poros < 2.0 & lens >= 1.1; &amp;amp; stays text")
                .doesNotContain("&gt;").doesNotContain("&lt;");
    }
}
