package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code helm test} for a release and counts the test suites Helm reports as succeeded. */
final class HelmTestProbe implements Probe<HelmTestCheck> {

    private static final Pattern PHASE = Pattern.compile("(?m)^Phase:\\s+(\\w+)");

    @Override
    public Outcome probe(HelmTestCheck check, ProbeContext context) throws Exception {
        List<String> argv = new ArrayList<>(List.of(context.helm, "test", check.release(), "-n", check.namespace(),
                "--timeout", Math.max(1, check.timeout().toSeconds()) + "s"));
        if (check.logs()) {
            argv.add("--logs");
        }
        Command command = new Command(argv, null, null, check.timeout().plus(RolloutProbe.GRACE), null);
        CommandResult result = context.runner.run(command, context.log);
        String output = result.outputTail();
        String evidence = "$ " + command.display() + "\n" + output + "\n(exit " + result.exitCode()
                + (result.timedOut() ? ", stopped at timeout" : "") + ")";
        int succeeded = 0;
        int total = 0;
        Matcher phase = PHASE.matcher(output);
        while (phase.find()) {
            total++;
            if ("Succeeded".equals(phase.group(1))) {
                succeeded++;
            }
        }
        String release = "release " + check.release() + " in namespace " + check.namespace();
        if (result.succeeded()) {
            return Outcome.passed("helm test of " + release + ": " + succeeded + " of " + total
                    + " test suite(s) succeeded", evidence);
        }
        if (result.timedOut()) {
            return Outcome.failed("helm test of " + release + " did not finish within "
                    + DurationText.format(check.timeout()), evidence);
        }
        if (KubeErrors.clusterUnreachable(output)) {
            return Outcome.error("cannot reach the cluster to test " + release + ": " + Evidence.lastLine(output),
                    evidence);
        }
        return Outcome.failed("helm test of " + release + " failed: " + firstErrorLine(output), evidence);
    }

    /** Helm's own verdict, {@code Error: ...} with the bullet lines under it, or the last line when there is none. */
    private static String firstErrorLine(String output) {
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Error:")) {
                StringBuilder verdict = new StringBuilder(lines[i].strip());
                for (int j = i + 1; j < lines.length && lines[j].strip().startsWith("* "); j++) {
                    verdict.append(' ').append(lines[j].strip());
                }
                return verdict.toString();
            }
        }
        return Evidence.lastLine(output);
    }
}
