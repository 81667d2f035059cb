package io.dataos.upgrade.api;

import static io.dataos.upgrade.Fixtures.example;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.api.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRunbookTest {

    private final PlanRunbook runbook = new PlanRunbook(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"),
            ZoneOffset.UTC));

    @Test
    void anUpgradePlanIsWrittenAsJsonAndMarkdownIntoTheOutputFolder(@TempDir Path out) throws Exception {
        PlanResult result = runbook.run(PlanRequest.upgrade(example("installed-1.4.yaml"), example("release-1.5.yaml"))
                .withWindow("SAT 02:00-06:00 UTC", "command line", "--window").withOutDir(out));

        assertThat(result.type()).isEqualTo("upgrade");
        assertThat(result.fromVersion()).isEqualTo("1.4.0");
        assertThat(result.toVersion()).isEqualTo("1.5.0");
        assertThat(result.maintenanceWindow()).isEqualTo("SAT 02:00-06:00 UTC");
        assertThat(Path.of(result.planJson())).hasBinaryContent(result.json());
        assertThat(Path.of(result.planMarkdown())).hasContent(result.markdown());
        assertThat(new String(result.json(), StandardCharsets.UTF_8)).contains(result.planId());
        assertThat(result.toMap()).containsEntry("planJson", out.resolve("plan.json").toString());
    }

    @Test
    void aRollbackPlanWithoutAnOutputFolderWritesNothing(@TempDir Path out) throws Exception {
        PlanResult result = runbook.run(PlanRequest.rollback(example("installed-1.5.yaml"),
                example("release-1.4.yaml")));

        assertThat(result.type()).isEqualTo("rollback");
        assertThat(result.planJson()).isNull();
        assertThat(result.actionCount()).isPositive();
        try (var files = Files.list(out)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aWindowThatAlreadyEndedIsRefusedNamingWhereItCameFrom() {
        assertThatThrownBy(() -> runbook.run(PlanRequest.upgrade(example("installed-1.4.yaml"),
                example("release-1.5.yaml")).withWindow("2021-03-06T02:00Z/PT4H", "command line", "--window")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("command line: --window");
    }
}
