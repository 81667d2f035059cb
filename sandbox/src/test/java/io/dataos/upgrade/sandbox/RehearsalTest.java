package io.dataos.upgrade.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dataos.upgrade.InvalidInputException;
import io.dataos.upgrade.run.RunStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole rehearsal against real Helm and the sandbox API, once per fault. */
@Timeout(180)
class RehearsalTest {

    /** The rehearsal's generated Prime key, plain and base64 ("rehearsal" encodes to cmVoZWFyc2Fs). */
    private static final Pattern KEY = Pattern.compile("rehearsal-[0-9a-f]{24}|cmVoZWFyc2Fs");

    @TempDir
    Path dir;

    private final List<String> printed = new CopyOnWriteArrayList<>();

    private RehearsalResult rehearse(RehearsalFault fault) throws Exception {
        return new Rehearsal(new RehearsalOptions(dir, fault), printed::add).run();
    }

    @Test
    void validationFaultIsRolledBackToTheBaselineAndVerified() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.VALIDATION);

        assertThat(result.upgrade()).isEqualTo(RunStatus.FAILED);
        assertThat(result.failedAction()).isEqualTo("verify.validate");
        assertThat(result.rollback()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(result.finalRevision()).isEqualTo(3);
        assertThat(result.asExpected()).isTrue();
        String report = Files.readString(result.report());
        assertThat(report).startsWith("# REHEARSAL").contains("Rollback to 1", "verify.validate", "answered HTTP 503",
                "approved by auto-approved", "Root cause analysis", "Stakeholder debrief");
        assertThat(dir.resolve("workspace/plans/rollback-plan.json")).exists();
        assertThat(dir.resolve("workspace/plans/rollback-plan.md")).exists();
        assertThat(dir.resolve("workspace/reports/rehearsal-rollback/rca-report.md")).exists();
        assertThat(dir.resolve("workspace/reports/rehearsal-upgrade/run-report.md")).exists();
        assertThat(dir.resolve("workspace/verification/rehearsal-upgrade/verify.validate/verification.json")).exists();
        assertThat(Files.readString(dir.resolve("workspace/reports/rehearsal-upgrade/rca-report.md")))
                .contains("answered HTTP 503");
        assertThat(printed).anyMatch(line -> line.contains("[user-space.reinstall-stack.flare] simulated in the rehearsal"));
        assertThat(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-rollback/journal.jsonl")).exists();
        assertThat(printed).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(Rehearsal.LABEL));
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void helmFailureIsRolledBack() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.HELM_FAILURE);

        assertThat(result.failedAction()).isEqualTo("manager.helm-upgrade.dataos-manager");
        assertThat(result.rollback()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.finalImageTag()).isEqualTo("1.4.0-d1a2b3c");
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(result.report())).contains("denied", "| 2 | failed |");
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void withoutFaultTheUpgradeValidatesAndNothingIsRolledBack() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.NONE);

        assertThat(result.upgrade()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.rollback()).isNull();
        assertThat(result.finalImageTag()).isEqualTo("1.5.0-e4f5a6b");
        assertThat(result.finalRevision()).isEqualTo(2);
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(dir.resolve("workspace/values/dataos-manager-values.yaml"))).contains("tag: \"1.5.0-e4f5a6b\"");
        try (Stream<Path> backup = Files.walk(dir.resolve("workspace/.dataos-upgrade/runs/rehearsal-upgrade/backup"))) {
            assertThat(backup.map(p -> p.getFileName().toString())).contains("kit.json", "MANIFEST.sha256",
                    "revisions.json", "values-rev1.yaml", "manifest-rev1.yaml");
        }
        try (Stream<Path> backup = Files.walk(dir.resolve("workspace/reports"))) {
            assertThat(backup.map(p -> p.getFileName().toString())).contains("run-report.md", "rca-report.md");
        }
        assertNoKeyInAnyFileOrLine();
    }

    @Test
    void crashAfterHelmUpgradeResumesWithoutRepeatingTheUpgrade() throws Exception {
        RehearsalResult result = rehearse(RehearsalFault.CRASH_AND_RESUME);

        assertThat(result.upgrade()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result.finalRevision()).as("baseline + one upgrade: the resumed run did not upgrade again").isEqualTo(2);
        assertThat(result.asExpected()).isTrue();
        assertThat(Files.readString(result.report())).contains("2 attempt(s)");
        assertThat(printed).anyMatch(line -> line.contains("resuming run"));
    }

    @Test
    void unknownFaultIsRefusedListingTheChoices() {
        assertThatThrownBy(() -> RehearsalFault.fromOption("meteor", "rehearse --fault"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("none, validation, helm-failure, crash-and-resume");
        assertThat(dir.toFile().list()).isEmpty();
    }

    private void assertNoKeyInAnyFileOrLine() throws Exception {
        assertThat(printed).noneMatch(line -> KEY.matcher(line).find());
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(KEY.matcher(text).find()).as("rehearsal key in " + file).isFalse();
            }
        }
    }
}
