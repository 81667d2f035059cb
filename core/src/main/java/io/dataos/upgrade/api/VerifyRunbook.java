package io.dataos.upgrade.api;

import io.dataos.upgrade.runbook.Runbooks;
import io.dataos.upgrade.runbook.RunbookSettings;
import io.dataos.upgrade.runbook.VerificationTimeoutException;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.verify.CheckResult;
import io.dataos.upgrade.verify.CheckStatus;
import io.dataos.upgrade.verify.ChecksFile;
import io.dataos.upgrade.verify.Verification;
import io.dataos.upgrade.verify.VerificationOutputs;
import io.dataos.upgrade.verify.VerificationPurpose;
import io.dataos.upgrade.verify.VerificationReport;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Post-upgrade validation or post-rollback verification on its own (runbook: component testing,
 * regression testing, data integrity, inter-layer communication): runs the checks file with
 * {@link Verification} and writes {@code verification.json}, {@code verification.md} and
 * {@code verification-junit.xml} (and, when asked, a copy of the JUnit XML where Jenkins' {@code junit}
 * step reads it). Failed checks are a result, not an exception: the caller decides what they mean.
 */
public final class VerifyRunbook {

    static final String SOURCE = "verify request";

    private final RunbookPorts ports;

    public VerifyRunbook(RunbookPorts ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
    }

    /**
     * Runs the checks.
     *
     * @throws InvalidInputException for a missing or bad checks file or settings file; nothing was run
     */
    public VerifyResult run(VerifyRequest request) throws IOException, InterruptedException {
        RunbookSettings settings = RunbookSettings.load(ports.workspace(), request.settings())
                .with(request.overrides());
        String checksPath = request.checks() != null ? request.checks() : settings.checks();
        if (checksPath == null) {
            throw new InvalidInputException(SOURCE, "checks", "is missing: give the workspace path of the checks"
                    + " file (--checks, checks) or checks in " + settings.source() + " (docs/verification.md)");
        }
        checksPath = RunbookSettings.relativePath(SOURCE, "checks", checksPath);
        ChecksFile file = ChecksFile.parse(checksPath, Runbooks.read(ports.workspace(), checksPath, SOURCE, "checks"));
        String dir = request.outputDir() != null
                ? RunbookSettings.relativePath(SOURCE, "outputDir", request.outputDir())
                : settings.stateDir() + "/verify";
        String junitCopy = request.junitFile() == null ? null
                : RunbookSettings.relativePath(SOURCE, "junitFile", request.junitFile());

        Verification verification = new Verification(ports.runner(), ports.secrets(), ports.workspace())
                .kubectl(settings.helm().kubectl())
                .helm(settings.helm().executable())
                .log(ports.log())
                .clock(ports.clock());
        // a failed post-upgrade validation recommends the rollback; the caller decides whether to run it
        VerificationReport report = within(Duration.ofMinutes(request.timeoutMinutes()),
                () -> verification.run(request.purpose(), file, true));
        List<String> written = VerificationOutputs.write(ports.workspace(), dir, report);
        String junit = written.get(2);
        if (junitCopy != null && !junitCopy.equals(junit)) {
            ports.workspace().write(junitCopy, ports.workspace().read(junit));
            junit = junitCopy;
        }
        List<VerifyResult.CheckLine> lines = new ArrayList<>();
        for (CheckResult r : report.results()) {
            lines.add(new VerifyResult.CheckLine(r.name(), r.type().name(), r.layer() == null ? null
                    : r.layer().name(), r.status().name(), r.message(), r.critical()));
        }
        int passed = (int) report.count(CheckStatus.PASSED);
        int failed = (int) report.count(CheckStatus.FAILED);
        int errors = (int) report.count(CheckStatus.ERROR);
        int skipped = (int) report.count(CheckStatus.SKIPPED);
        String message = request.purpose().title() + (report.passed() ? " passed: " : " FAILED: ") + passed
                + " passed, " + failed + " failed, " + errors + " error(s), " + skipped + " skipped; results in " + dir;
        ports.log().accept(message);
        return new VerifyResult(report.passed(), stepSpelling(request.purpose()), passed, failed, errors, skipped,
                report.results().size(), junit, written.get(1), written.get(0), lines, message,
                report.rollbackReason().orElse(""));
    }

    /** The purpose as the dataosVerify step and the command line spell it. */
    static String stepSpelling(VerificationPurpose purpose) {
        return purpose == VerificationPurpose.POST_ROLLBACK ? "postRollback" : "postUpgrade";
    }

    /**
     * Runs the checks on a thread of their own, stopping them (interrupted, their processes killed) when
     * they take longer than {@code limit} in all, or when this thread is interrupted.
     */
    private static VerificationReport within(Duration limit, Callable<VerificationReport> checks)
            throws IOException, InterruptedException {
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dataos-upgrade-verify");
            t.setDaemon(true);
            return t;
        });
        Future<VerificationReport> running = thread.submit(checks);
        try {
            return running.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            running.cancel(true);
            throw new VerificationTimeoutException(limit);
        } catch (InterruptedException stopped) {
            running.cancel(true);
            throw stopped;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }
}
