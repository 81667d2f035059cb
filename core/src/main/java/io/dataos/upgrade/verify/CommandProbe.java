package io.dataos.upgrade.verify;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.secret.Secret;
import java.nio.file.Path;
import java.util.Map;

/** Runs a custom regression command and judges it by its exit code. */
final class CommandProbe implements Probe<CommandCheck> {

    @Override
    public Outcome probe(CommandCheck check, ProbeContext context) throws Exception {
        Path workDir = check.workDir() == null ? null : Path.of(context.workspace.absolute(check.workDir()));
        Command command = new Command(check.argv(), null, workDir, check.timeout(), null);
        for (Map.Entry<String, String> e : check.secretEnv().entrySet()) {
            Secret secret = context.secret(e.getValue());
            command = command.withEnv(e.getKey(), secret.reveal()).masking(secret);
        }
        CommandResult result = context.runner.run(command, context.log);
        String evidence = "$ " + command.display() + "\n" + result.outputTail() + "\n(exit " + result.exitCode()
                + (result.timedOut() ? ", stopped at timeout" : "") + ", " + result.elapsed().toMillis() + " ms)";
        if (result.timedOut()) {
            return Outcome.failed(check.argv().get(0) + " was stopped after running "
                    + DurationText.format(check.timeout()), evidence);
        }
        if (result.exitCode() != check.expectExit()) {
            String last = Evidence.lastLine(result.outputTail());
            return Outcome.failed(check.argv().get(0) + " exited " + result.exitCode() + ", expected "
                    + check.expectExit() + (last.isEmpty() ? "" : ": " + last), evidence);
        }
        return Outcome.passed(check.argv().get(0) + " exited " + result.exitCode() + " in "
                + result.elapsed().toMillis() + " ms", evidence);
    }
}
