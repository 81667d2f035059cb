package io.dataos.upgrade.runbook;

import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.backup.CorruptBackupException;
import io.dataos.upgrade.backup.PostgresRestore;
import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.ActionParams;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.postgres.PostgresConnection;
import io.dataos.upgrade.process.CommandFailedException;
import io.dataos.upgrade.run.ActionContext;
import io.dataos.upgrade.run.ActionHandler;
import io.dataos.upgrade.run.ActionOutcome;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cloud Kernel step 3, "restore data from a snapshot matching the target version", from exactly the
 * source the plan names ({@link ActionParams#restoreSource}): the backup kit of a run
 * ({@link PostgresRestore}: checksums verified, the current database kept under another name as
 * evidence), or the platform's own snapshot through the settings' argv template
 * {@code commands.restorePostgresSnapshot} ({@code {snapshot}}, {@code {database}}, {@code {host}},
 * {@code {port}}, {@code {user}}, {@code {version}}, {@code {postgresVersion}}; the password in the
 * child's {@code PGPASSWORD}). A marker in the run's directory records the restore, so a resumed run
 * does not restore twice.
 */
final class PostgresRestoreHandler implements ActionHandler {

    static final String TEMPLATE_FIELD = "commands." + RunbookSettings.COMMAND_FIELDS.get(ActionKind.RESTORE_POSTGRES);

    private final RunbookRun run;

    PostgresRestoreHandler(RunbookRun run) {
        this.run = run;
    }

    private String marker() {
        return run.privateDir() + "/postgres-restore.json";
    }

    /** Whether {@code action} restores from a backup kit (else from a platform snapshot). */
    static boolean fromKit(PlanAction action) {
        return ActionParams.SOURCE_KIT.equals(action.params().get(ActionParams.RESTORE_SOURCE));
    }

    @Override
    public void validate(PlanAction action) {
        if (run.settings().postgres() == null) {
            throw new InvalidInputException(run.settings().source(), "postgres", "is missing: the plan restores"
                    + " PostgreSQL (" + action.id() + ", from " + ActionParams.restoreSource(action) + "); give host,"
                    + " port, database and user of the DataOS database (docs/settings.md)");
        }
        if (fromKit(action)) {
            if (!RunbookSettings.safeName(action.params().get(ActionParams.KIT_RUN))) {
                throw new InvalidInputException("plan action '" + action.id() + "'", "params." + ActionParams.KIT_RUN,
                        "'" + action.params().get(ActionParams.KIT_RUN) + "' does not name a run: plan again");
            }
            return;
        }
        RunbookSettings.CommandTemplate template = run.settings().command(ActionKind.RESTORE_POSTGRES);
        if (template == null) {
            throw new InvalidInputException(run.settings().source(), TEMPLATE_FIELD, "is missing: the plan restores"
                    + " PostgreSQL from platform snapshot " + action.params().get(ActionParams.SNAPSHOT) + " ("
                    + action.id() + "), which only the site knows how to do; give its argv, e.g. [./scripts/"
                    + "restore-snapshot.sh, \"{snapshot}\", \"{host}\", \"{port}\", \"{database}\"] (docs/settings.md)");
        }
        Map<String, String> values = values(action);
        for (String placeholder : template.placeholders()) {
            if (values.get(placeholder) == null) {
                throw new InvalidInputException(run.settings().source(), TEMPLATE_FIELD, "uses {" + placeholder
                        + "}, which the restore " + action.id() + " has no value for: use only {" + String.join("}, {",
                        values.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList())
                        + "} here");
            }
        }
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        validate(action);
        PostgresConnection target = run.settings().postgres().connection();
        String source = ActionParams.restoreSource(action);
        if (!fromKit(action)) {
            return fromSnapshot(action, context, target, source);
        }
        String kit = action.params().get(ActionParams.KIT_RUN);
        if (context.dryRun()) {
            return Outcomes.wouldDo(context, "would restore " + target.describe() + " from " + source
                    + ", keeping the current database under another name");
        }
        PostgresRestore restore = new PostgresRestore(run.kits(context), context.workspace());
        try {
            PostgresRestore.Result result = restore.restore(kit, target);
            writeMarker(context, Map.of("source", source, "kit", result.runId(), "database", result.database(),
                    "previousDatabaseKeptAs", result.previousDatabaseKeptAs(), "tables", result.tables().size()));
            return ActionOutcome.done(target.describe() + " restored from " + source + " (" + result.tables().size()
                    + " table(s)); the database it replaced is kept as " + result.previousDatabaseKeptAs());
        } catch (CorruptBackupException e) {
            return ActionOutcome.failed(e.getMessage() + ": nothing was restored", "");
        } catch (CommandFailedException e) {
            return Outcomes.failed(e);
        }
    }

    private ActionOutcome fromSnapshot(PlanAction action, ActionContext context, PostgresConnection target,
            String source) throws IOException, InterruptedException {
        RunbookSettings.CommandTemplate template = run.settings().command(ActionKind.RESTORE_POSTGRES);
        Command command = command(template.run(), template, action, context);
        CommandResult result = context.run(command);
        if (context.dryRun()) {
            return ActionOutcome.done("would restore " + target.describe() + " from " + source + ": "
                    + command.display());
        }
        if (!result.succeeded()) {
            return ActionOutcome.of(result, command.display());
        }
        writeMarker(context, Map.of("source", source, "snapshot", action.params().get(ActionParams.SNAPSHOT),
                "database", target.database()));
        return ActionOutcome.done(target.describe() + " restored from " + source + " with " + command.display());
    }

    private void writeMarker(ActionContext context, Map<String, Object> fields) throws IOException,
            InterruptedException {
        context.workspace().writePrivate(marker(), RunbookRun.JSON.writeValueAsString(new LinkedHashMap<>(fields))
                .getBytes(StandardCharsets.UTF_8));
    }

    private Command command(List<String> argv, RunbookSettings.CommandTemplate template, PlanAction action,
            ActionContext context) {
        Duration timeout = template.timeout() != null ? template.timeout() : run.settings().commandTimeout();
        Command command = new Command(RunbookSettings.CommandTemplate.substitute(argv, values(action)), Map.of(),
                Path.of(context.workspace().absolute(".")), timeout, List.of());
        if (context.dryRun()) {
            return command;
        }
        // The site's restore tool reads the password as psql and pg_restore do; it is never in the argv.
        java.util.Optional<Secret> password = RunbookRun.secrets(context).find(PostgresConnection.PASSWORD_SECRET);
        return password.isEmpty() ? command
                : command.withEnv("PGPASSWORD", password.get().reveal()).masking(password.get());
    }

    /** Each placeholder's value for {@code action}; null where it has none. */
    Map<String, String> values(PlanAction action) {
        Map<String, String> values = new LinkedHashMap<>();
        RunbookSettings.Postgres db = run.settings().postgres();
        values.put("snapshot", action.params().get(ActionParams.SNAPSHOT));
        values.put("database", db == null ? null : db.database());
        values.put("host", db == null ? null : db.host());
        values.put("port", db == null ? null : Integer.toString(db.port()));
        values.put("user", db == null ? null : db.user());
        values.put("version", action.params().get(ActionParams.RELEASE_VERSION));
        values.put("postgresVersion", action.params().get(ActionParams.POSTGRES_VERSION));
        values.put("component", action.component());
        values.put("namespace", run.managerTarget().namespace());
        return values;
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        if (context.workspace().exists(marker())) {
            return true;
        }
        RunbookSettings.CommandTemplate template = run.settings().command(ActionKind.RESTORE_POSTGRES);
        if (fromKit(action) || template == null || template.doneCheck().isEmpty()) {
            return false;
        }
        return context.run(command(template.doneCheck(), template, action, context)).succeeded();
    }
}
