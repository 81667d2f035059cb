package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.api.MissingSecretException;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.api.Workspace;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Post-upgrade validation and post-rollback verification: runs a checks file's checks, one at a
 * time or a bounded number at once, and returns every result as data. A check never throws out of
 * here: a check that cannot be carried out is an ERROR result, one that runs past its budget is
 * stopped and reported, and every secret a check used is masked in its message and evidence.
 *
 * <p>Configure with the setters, then call {@link #run}.
 */
public final class Verification {

    /** Time a check gets past its budget to stop cleanly before it is abandoned. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final CommandRunner runner;
    private final SecretProvider secrets;
    private final Workspace workspace;
    private HttpClient http;
    private int parallelism = 1;
    private String kubectl = "kubectl";
    private String helm = "helm";
    private Consumer<String> log = line -> { };
    private Clock clock = Clock.systemUTC();
    private Duration grace = GRACE;

    public Verification(CommandRunner runner, SecretProvider secrets, Workspace workspace) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** How many checks may run at once (1: one after another). */
    public Verification parallelism(int value) {
        if (value < 1 || value > ChecksFile.MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism " + value + ": use 1 to " + ChecksFile.MAX_PARALLELISM);
        }
        this.parallelism = value;
        return this;
    }

    /** The kubectl program (path or name on PATH). */
    public Verification kubectl(String program) {
        this.kubectl = Objects.requireNonNull(program);
        return this;
    }

    /** The helm program (path or name on PATH). */
    public Verification helm(String program) {
        this.helm = Objects.requireNonNull(program);
        return this;
    }

    /** Receives progress lines and command output, already masked. */
    public Verification log(Consumer<String> sink) {
        this.log = Objects.requireNonNull(sink);
        return this;
    }

    public Verification httpClient(HttpClient client) {
        this.http = Objects.requireNonNull(client);
        return this;
    }

    /** Time a check gets past its budget before it is abandoned (tests shorten it). */
    Verification budgetGrace(Duration value) {
        this.grace = Objects.requireNonNull(value);
        return this;
    }

    public Verification clock(Clock value) {
        this.clock = Objects.requireNonNull(value);
        return this;
    }

    /** Runs a checks file with the parallelism it asks for. */
    public VerificationReport run(VerificationPurpose purpose, ChecksFile file, boolean rollbackOnFailure)
            throws InterruptedException {
        parallelism(file.parallelism());
        return run(purpose, file.checks(), rollbackOnFailure);
    }

    /**
     * Runs {@code checks} for {@code purpose}. Checks that do not apply to it are SKIPPED.
     *
     * @param rollbackOnFailure whether a failed post-upgrade validation should recommend the rollback
     *     plan ({@link VerificationReport#shouldRollBack()})
     */
    public VerificationReport run(VerificationPurpose purpose, List<Check> checks, boolean rollbackOnFailure)
            throws InterruptedException {
        Instant started = clock.instant();
        HttpClient client = http != null ? http : HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        ProbeContext context = new ProbeContext(runner, secrets, workspace, client, kubectl, helm, log);
        log.accept(purpose.title() + ": " + checks.size() + " check(s), " + parallelism + " at a time");
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, daemons("verification"));
        ExecutorService attempts = Executors.newCachedThreadPool(daemons("check"));
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Check check : checks) {
                futures.add(workers.submit(() -> runOne(purpose, check, context.forCheck(check.name()), attempts)));
            }
            List<CheckResult> results = new ArrayList<>();
            for (Future<CheckResult> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException impossible) {
                    // runOne turns every failure into a result; reaching here is a bug worth surfacing
                    throw new IllegalStateException("verification runner failed", impossible.getCause());
                }
            }
            return new VerificationReport(purpose, started, clock.instant(), results, rollbackOnFailure);
        } finally {
            workers.shutdownNow();
            attempts.shutdownNow();
        }
    }

    private CheckResult runOne(VerificationPurpose purpose, Check check, ProbeContext context,
            ExecutorService attempts) throws InterruptedException {
        boolean critical = check.basics().critical();
        if (!check.basics().appliesTo().contains(purpose)) {
            return new CheckResult(check.name(), check.type(), check.layer(), CheckStatus.SKIPPED,
                    "applies only to " + check.basics().appliesTo().stream().map(VerificationPurpose::title)
                            .sorted().toList().get(0), "", Duration.ZERO, critical);
        }
        log.accept("check " + check.name() + " (" + check.type().fileName() + ") started");
        long start = System.nanoTime();
        Outcome outcome;
        Future<Outcome> attempt = attempts.submit(() -> probe(check, context));
        Duration budget = check.budget().plus(grace);
        try {
            outcome = attempt.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            outcome = Outcome.error("did not finish within its budget of " + DurationText.format(check.budget())
                    + " and was stopped", "");
        } catch (ExecutionException e) {
            outcome = unexpected(e.getCause());
        } catch (InterruptedException e) {
            attempt.cancel(true);
            throw e;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<Secret> used = context.usedSecrets();
        CheckResult result = new CheckResult(check.name(), check.type(), check.layer(), outcome.status(),
                Secret.mask(outcome.message(), used), Evidence.bounded(Secret.mask(outcome.evidence(), used)), took,
                critical);
        log.accept("check " + check.name() + ": " + result.status() + " — " + result.message());
        return result;
    }

    private static Outcome probe(Check check, ProbeContext context) throws Exception {
        try {
            // Java 17: no pattern switch yet; the sealed interface keeps this list complete
            if (check instanceof RolloutCheck c) {
                return new RolloutProbe().probe(c, context);
            } else if (check instanceof HelmTestCheck c) {
                return new HelmTestProbe().probe(c, context);
            } else if (check instanceof HttpCheck c) {
                return new HttpProbe().probe(c, context);
            } else if (check instanceof PromQlCheck c) {
                return new PromQlProbe().probe(c, context);
            } else if (check instanceof DataIntegrityCheck c) {
                return new DataIntegrityProbe().probe(c, context);
            } else if (check instanceof InterLayerCheck c) {
                return new InterLayerProbe().probe(c, context);
            } else if (check instanceof CommandCheck c) {
                return new CommandProbe().probe(c, context);
            }
            throw new IllegalStateException("no probe for " + check.type());
        } catch (MissingSecretException | InvalidInputException e) {
            return Outcome.error(e.getMessage(), "");
        }
    }

    private static Outcome unexpected(Throwable cause) {
        if (cause instanceof InterruptedException) {
            return Outcome.error("interrupted", "");
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return Outcome.error("could not be carried out: " + cause.getClass().getSimpleName() + message, "");
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
