package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code kubectl rollout status} and reads its exit code and last words. */
final class RolloutProbe implements Probe<RolloutCheck> {

    /** Time kubectl gets past its own --timeout to print its verdict before it is stopped. */
    static final Duration GRACE = Duration.ofSeconds(10);

    @Override
    public Outcome probe(RolloutCheck check, ProbeContext context) throws Exception {
        List<String> argv = new ArrayList<>(List.of(context.kubectl));
        if (check.context() != null) {
            argv.add("--context");
            argv.add(check.context());
        }
        argv.addAll(List.of("rollout", "status", check.resource(), "-n", check.namespace(), "--watch=true",
                "--timeout=" + Math.max(1, check.timeout().toSeconds()) + "s"));
        Command command = new Command(argv, null, null, check.timeout().plus(GRACE), null);
        CommandResult result = context.runner.run(command, context.log);
        String evidence = "$ " + command.display() + "\n" + result.outputTail() + "\n(exit " + result.exitCode()
                + (result.timedOut() ? ", stopped at timeout" : "") + ")";
        String what = check.resource() + " in namespace " + check.namespace();
        if (result.succeeded()) {
            return Outcome.passed(what + ": " + Evidence.lastLine(result.outputTail()), evidence);
        }
        if (result.timedOut()) {
            return Outcome.failed("rollout of " + what + " did not finish within "
                    + DurationText.format(check.timeout()), evidence);
        }
        if (KubeErrors.clusterUnreachable(result.outputTail())) {
            return Outcome.error("cannot reach the cluster to watch " + what + ": "
                    + Evidence.lastLine(result.outputTail()), evidence);
        }
        return Outcome.failed("rollout of " + what + " did not complete: " + Evidence.lastLine(result.outputTail()),
                evidence);
    }
}
