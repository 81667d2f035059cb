package io.dataos.upgrade.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.api.Command;
import io.dataos.upgrade.api.CommandResult;
import io.dataos.upgrade.secret.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the command an action names in its parameters: the IaC rollback command of the Cloud
 * Kernel, and any custom step. Parameters:
 * <ul>
 *   <li>{@code command}: a JSON list of strings, the argv (or {@code argv.0}, {@code argv.1}, … one per
 *       element); never a shell line;</li>
 *   <li>{@code timeout}: ISO-8601 ({@code PT15M}) or whole seconds; default 10 minutes;</li>
 *   <li>{@code workDir}: a directory relative to the workspace;</li>
 *   <li>{@code env.NAME}: an environment variable; {@code secretEnv.NAME}: an environment variable
 *       holding the secret of that name (masked everywhere, never on the command line);</li>
 *   <li>{@code doneCheck}: a JSON argv (or {@code doneCheck.0}, …) whose exit code 0 means the action's
 *       effect is already in place; used to re-check an action cut short by a crash.</li>
 * </ul>
 */
public final class CommandActionHandler implements ActionHandler {

    /** The parsed, checked parameters of one command action. */
    record Spec(List<String> argv, Duration timeout, String workDir, Map<String, String> env,
            Map<String, String> secretEnv, List<String> doneCheck) {}

    @Override
    public void validate(PlanAction action) {
        spec(action);
    }

    @Override
    public ActionOutcome execute(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        Spec spec = spec(action);
        Command command = command(spec, spec.argv(), context);
        CommandResult result = context.run(command);
        if (context.dryRun()) {
            return ActionOutcome.done("would run " + command.display());
        }
        return ActionOutcome.of(result, command.display());
    }

    @Override
    public boolean isDone(PlanAction action, ActionContext context) throws IOException, InterruptedException {
        Spec spec = spec(action);
        if (spec.doneCheck().isEmpty() || context.dryRun()) {
            return false;
        }
        return context.run(command(spec, spec.doneCheck(), context)).succeeded();
    }

    private static Command command(Spec spec, List<String> argv, ActionContext context) {
        Map<String, String> env = new LinkedHashMap<>(spec.env());
        List<Secret> secrets = new ArrayList<>();
        spec.secretEnv().forEach((name, secretName) -> {
            Secret secret = context.secret(secretName);
            secrets.add(secret);
            env.put(name, secret.reveal());
        });
        Path workDir = spec.workDir() == null ? null : Path.of(context.workspace().absolute(spec.workDir()));
        return new Command(argv, env, workDir, spec.timeout(), secrets);
    }

    static Spec spec(PlanAction action) {
        String source = "plan action '" + action.id() + "'";
        Map<String, String> params = action.params();
        List<String> argv = argv(source, params, "command", "argv");
        if (argv.isEmpty()) {
            throw new InvalidInputException(source, "params.command", "no command given: set 'command' to a JSON"
                    + " list of strings such as [\"terraform\",\"apply\",\"-auto-approve\"] (or argv.0, argv.1, …)");
        }
        List<String> doneCheck = argv(source, params, "doneCheck", "doneCheck");
        Duration timeout = timeout(source, params.get("timeout"));
        String workDir = params.get("workDir");
        if (workDir != null && (workDir.isBlank() || workDir.startsWith("/") || Path.of(workDir).normalize()
                .startsWith(".."))) {
            throw new InvalidInputException(source, "params.workDir", "'" + workDir
                    + "' is not a directory inside the workspace: give a relative path such as infra/terraform");
        }
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> secretEnv = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(params).entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("env.")) {
                env.put(envName(source, key, key.substring(4)), entry.getValue());
            } else if (key.startsWith("secretEnv.")) {
                secretEnv.put(envName(source, key, key.substring(10)), entry.getValue());
            }
        }
        return new Spec(argv, timeout, workDir, env, secretEnv, doneCheck);
    }

    private static List<String> argv(String source, Map<String, String> params, String listKey, String prefix) {
        String json = params.get(listKey);
        List<String> argv = new ArrayList<>();
        if (json != null) {
            JsonNode node;
            try {
                node = Journal.JSON.readTree(json);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isArray()) {
                throw new InvalidInputException(source, "params." + listKey, "is not a JSON list of strings: write"
                        + " the argv as [\"program\",\"arg1\",\"arg2\"]; commands never go through a shell");
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isTextual()) {
                    throw new InvalidInputException(source, "params." + listKey + "[" + i + "]",
                            "is not a string: quote every element of the argv");
                }
                argv.add(node.get(i).asText());
            }
        } else {
            for (int i = 0; params.containsKey(prefix + "." + i); i++) {
                argv.add(params.get(prefix + "." + i));
            }
            int indexed = (int) params.keySet().stream().filter(k -> k.startsWith(prefix + ".")).count();
            if (indexed != argv.size()) {
                throw new InvalidInputException(source, "params." + prefix + "." + argv.size(),
                        "is missing: number the argv elements " + prefix + ".0, " + prefix + ".1, … without gaps");
            }
        }
        for (int i = 0; i < argv.size(); i++) {
            if (argv.get(i).indexOf('\0') >= 0) {
                throw new InvalidInputException(source, "params." + listKey + "[" + i + "]",
                        "contains a NUL character, which no program can receive: remove it");
            }
        }
        if (!argv.isEmpty() && argv.get(0).isBlank()) {
            throw new InvalidInputException(source, "params." + listKey + "[0]", "is empty: name the program to run");
        }
        return argv;
    }

    private static Duration timeout(String source, String text) {
        if (text == null) {
            return Duration.ofMinutes(10);
        }
        Duration timeout;
        try {
            timeout = text.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            timeout = null;
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new InvalidInputException(source, "params.timeout", "'" + text
                    + "' is not a positive duration: give seconds (600) or ISO-8601 (PT10M)");
        }
        return timeout;
    }

    private static String envName(String source, String key, String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidInputException(source, "params." + key, "'" + name
                    + "' is not an environment variable name: use letters, digits and '_'");
        }
        return name;
    }
}
