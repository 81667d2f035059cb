package io.dataos.upgrade.backup;

import io.dataos.upgrade.helm.HelmClient;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.CommandRunner;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.testing.TestSecrets;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A database restore in its own JVM, for {@link RestoreKillPointsTest}: restores the kit of a run
 * into database {@code dataos} and, when told to, stops after its Nth external command has
 * finished, prints {@code HALTED N PROGRAM} and waits to be killed.
 * Arguments: workspace, PostgreSQL bin dir, port, password, kit run id, halt after (0: never).
 */
public final class RestoreProcessMain {

    private RestoreProcessMain() {
    }

    public static void main(String[] args) throws Exception {
        int haltAfter = Integer.parseInt(args[5]);
        HaltingRunner runner = new HaltingRunner(new LocalCommandRunner(), haltAfter);
        Secret password = Secret.of(PostgresConnection.PASSWORD_SECRET, args[3]);
        LocalWorkspace workspace = new LocalWorkspace(Path.of(args[0]));
        BackupKit kits = new BackupKit(workspace, runner, new HelmClient(runner, "helm", null, null),
                TestSecrets.provider(password), args[1], null);
        new PostgresRestore(kits, workspace).restore(args[4],
                new PostgresConnection("127.0.0.1", Integer.parseInt(args[2]), "postgres", "dataos"));
        System.out.println("RESULT restored after " + runner.commands + " commands");
        System.out.flush();
    }

    /** Runs commands, and after the {@code haltAfter}th one hangs until killed. */
    private static final class HaltingRunner implements CommandRunner {
        private final CommandRunner delegate;
        private final int haltAfter;
        int commands;

        HaltingRunner(CommandRunner delegate, int haltAfter) {
            this.delegate = delegate;
            this.haltAfter = haltAfter;
        }

        @Override
        public CommandResult run(Command command, Consumer<String> output) throws IOException, InterruptedException {
            return halting(command, delegate.run(command, output));
        }

        @Override
        public CommandResult run(Command command, Consumer<String> output, LongConsumer onStart)
                throws IOException, InterruptedException {
            return halting(command, delegate.run(command, output, onStart));
        }

        private synchronized CommandResult halting(Command command, CommandResult result) throws InterruptedException {
            commands++;
            if (commands == haltAfter) {
                String program = Path.of(command.argv().get(0)).getFileName().toString();
                String sql = command.argv().stream().anyMatch(a -> a.contains("ALTER DATABASE")) ? "rename"
                        : command.argv().stream().anyMatch(a -> a.startsWith("CREATE DATABASE")) ? "create" : "";
                System.out.println("HALTED " + commands + " " + program + (sql.isEmpty() ? "" : "-" + sql));
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            return result;
        }
    }
}
