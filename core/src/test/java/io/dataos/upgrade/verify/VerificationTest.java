package io.dataos.upgrade.verify;

import io.dataos.upgrade.loopback.LoopbackHttp;
import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.leakcheck.KeptOutputs;
import io.dataos.upgrade.leakcheck.TestSecrets;
import io.dataos.upgrade.model.Layer;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class VerificationTest {

    private Path dir;
    private KeptOutputs.Log log;

    @BeforeEach
    void setUp(TestInfo info) {
        String name = info.getTestMethod().orElseThrow().getName();
        dir = KeptOutputs.dir(getClass(), name);
        log = KeptOutputs.log(getClass(), name);
    }

    private Verification verification(CommandRunner runner) {
        return new Verification(runner, TestSecrets.provider(), new LocalWorkspace(dir)).log(log);
    }

    private static CheckBasics basics(String name) {
        return CheckBasics.of(name, Layer.USER_SPACE, Duration.ofSeconds(5));
    }

    /** A check that marks that it started, then waits up to {@code waitSeconds} for its partner's mark. */
    private CommandCheck rendezvous(String me, String partner, String waitSeconds) {
        String script = "touch '" + dir.resolve(me) + "'; end=$(( $(date +%s) + " + waitSeconds + " ));"
                + " while [ $(date +%s) -le $end ]; do [ -f '" + dir.resolve(partner) + "' ] && exit 0;"
                + " sleep 0.05; done; echo " + partner + " never started; exit 1";
        return new CommandCheck(basics(me), List.of("sh", "-c", script), null, Map.of(), 0);
    }

    private static CommandCheck exiting(String name, int exit, boolean critical) {
        return new CommandCheck(new CheckBasics(name, Layer.CORE_KERNEL, Duration.ofSeconds(5), critical, null),
                List.of("sh", "-c", "echo checked " + name + "; exit " + exit), null, Map.of(), 0);
    }

    @Test
    void checksRunAtTheSameTimeUpToTheParallelism() throws Exception {
        VerificationReport report = verification(new LocalCommandRunner()).parallelism(2)
                .run(VerificationPurpose.POST_UPGRADE, List.of(rendezvous("a", "b", "5"), rendezvous("b", "a", "5")),
                        false);

        assertThat(report.results()).extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASSED, CheckStatus.PASSED);
    }

    @Test
    void withParallelismOneChecksRunOneAfterAnother() throws Exception {
        VerificationReport report = verification(new LocalCommandRunner())
                .run(VerificationPurpose.POST_UPGRADE, List.of(rendezvous("a", "b", "1"), rendezvous("b", "a", "1")),
                        false);

        assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.FAILED);
        assertThat(report.results().get(0).message()).contains("b never started");
        assertThat(report.results().get(1).status()).as("a had finished before b began").isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void resultsKeepTheChecksFileOrderWhateverFinishesFirst() throws Exception {
        List<Check> checks = List.of(
                new CommandCheck(basics("slow"), List.of("sleep", "0.4"), null, Map.of(), 0),
                new CommandCheck(basics("medium"), List.of("sleep", "0.2"), null, Map.of(), 0),
                new CommandCheck(basics("fast"), List.of("true"), null, Map.of(), 0));

        VerificationReport report = verification(new LocalCommandRunner()).parallelism(3)
                .run(VerificationPurpose.POST_ROLLBACK, checks, false);

        assertThat(report.results()).extracting(CheckResult::name).containsExactly("slow", "medium", "fast");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void checksForTheOtherVerificationAreSkipped() throws Exception {
        CommandCheck afterRollbackOnly = new CommandCheck(new CheckBasics("restored tables", null,
                Duration.ofSeconds(5), true, EnumSet.of(VerificationPurpose.POST_ROLLBACK)), List.of("false"), null,
                Map.of(), 0);

        VerificationReport report = verification(new LocalCommandRunner())
                .run(VerificationPurpose.POST_UPGRADE, List.of(afterRollbackOnly, exiting("smoke", 0, true)), true);

        assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.results().get(0).message()).isEqualTo("applies only to post-rollback verification");
        assertThat(report.passed()).isTrue();
        assertThat(report.shouldRollBack()).isFalse();
    }

    @Test
    void failedCriticalCheckAfterAnUpgradeRecommendsTheRollbackNamingIt() throws Exception {
        VerificationReport report = verification(new LocalCommandRunner()).run(VerificationPurpose.POST_UPGRADE,
                List.of(exiting("smoke", 0, true), exiting("lens queries", 2, true)), true);

        assertThat(report.passed()).isFalse();
        assertThat(report.shouldRollBack()).isTrue();
        assertThat(report.rollbackReason()).hasValue("post-upgrade validation failed: lens queries (FAILED: sh"
                + " exited 2, expected 0: checked lens queries)");
    }

    @Test
    void nonCriticalFailureIsReportedButDoesNotCallForARollback() throws Exception {
        VerificationReport report = verification(new LocalCommandRunner()).run(VerificationPurpose.POST_UPGRADE,
                List.of(exiting("dashboard latency", 1, false)), true);

        assertThat(report.passed()).isFalse();
        assertThat(report.shouldRollBack()).isFalse();
    }

    @Test
    void noRollbackIsRecommendedUnlessTheCallerAskedAfterAnUpgrade() throws Exception {
        List<Check> failing = List.of(exiting("smoke", 1, true));

        assertThat(verification(new LocalCommandRunner()).run(VerificationPurpose.POST_UPGRADE, failing, false)
                .shouldRollBack()).as("not asked").isFalse();
        assertThat(verification(new LocalCommandRunner()).run(VerificationPurpose.POST_ROLLBACK, failing, true)
                .shouldRollBack()).as("already a rollback").isFalse();
    }

    @Test
    void checkThatOverrunsItsBudgetIsStoppedAndReportedAsAnError() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        CommandRunner ignoresTimeouts = (command, output) -> {
            if (!command.argv().get(0).equals("stuck-program")) {
                return new LocalCommandRunner().run(command, output);
            }
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
            return new CommandResult(0, false, "", Duration.ZERO);
        };
        CommandCheck check = new CommandCheck(CheckBasics.of("stuck", null, Duration.ofMillis(200)), List.of("stuck-program"),
                null, Map.of(), 0);

        VerificationReport report = verification(ignoresTimeouts).budgetGrace(Duration.ofMillis(100))
                .run(VerificationPurpose.POST_UPGRADE, List.of(check, exiting("next", 0, true)), true);

        assertThat(report.results().get(0).status()).isEqualTo(CheckStatus.ERROR);
        assertThat(report.results().get(0).message()).isEqualTo("did not finish within its budget of 200ms and was"
                + " stopped");
        assertThat(report.results().get(0).duration()).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted).as("the stuck attempt was interrupted").isTrue();
        assertThat(report.results().get(1).status()).as("the next check still ran").isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void checksFileRunsEndToEndAndItsResultsAreWrittenAsJsonMarkdownAndJUnit() throws Exception {
        try (ServerSocket cloud = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                LoopbackHttp heimdall = new LoopbackHttp("/health", n -> LoopbackHttp.Answer.text(503, "down"))) {
            ChecksFile file = ChecksFile.parse("checks.yaml", """
                    parallelism: 2
                    checks:
                      - name: heimdall health
                        type: http
                        layer: coreKernel
                        url: %s/health
                        timeout: 2s
                      - name: core reaches cloud
                        type: interLayer
                        from: coreKernel
                        to: cloudKernel
                        tcp: 127.0.0.1:%d
                      - name: regression
                        type: command
                        command: [echo, ok]
                      - name: restored tables
                        type: command
                        command: ["true"]
                        when: postRollback
                    """.formatted(heimdall.base(), cloud.getLocalPort()));
            LocalWorkspace workspace = new LocalWorkspace(dir);

            VerificationReport report = new Verification(new LocalCommandRunner(), TestSecrets.provider(), workspace)
                    .log(log).run(VerificationPurpose.POST_UPGRADE, file, true);
            List<String> written = VerificationOutputs.write(workspace, "runs/r1/verification", report);

            assertThat(report.results()).extracting(CheckResult::status).containsExactly(CheckStatus.FAILED,
                    CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.SKIPPED);
            assertThat(report.shouldRollBack()).isTrue();
            assertThat(written).containsExactly("runs/r1/verification/verification.json",
                    "runs/r1/verification/verification.md", "runs/r1/verification/verification-junit.xml");
            VerificationReport readBack = VerificationJson.parse("verification.json",
                    new String(workspace.read(written.get(0)), java.nio.charset.StandardCharsets.UTF_8));
            assertThat(readBack).isEqualTo(new VerificationReport(report.purpose(), report.started(), report.finished(),
                    report.results().stream().map(r -> new CheckResult(r.name(), r.type(), r.layer(), r.status(),
                            r.message(), r.evidence(), Duration.ofMillis(r.duration().toMillis()), r.critical()))
                            .toList(), true));
            assertThat(log.lines()).contains("post-upgrade validation: 4 check(s), 2 at a time");
        }
    }
}
