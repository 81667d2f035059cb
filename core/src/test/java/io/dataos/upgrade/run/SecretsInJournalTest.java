package io.dataos.upgrade.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataos.upgrade.plan.ActionKind;
import io.dataos.upgrade.plan.PlanAction;
import io.dataos.upgrade.process.LocalCommandRunner;
import io.dataos.upgrade.secret.Secret;
import io.dataos.upgrade.api.SecretProvider;
import io.dataos.upgrade.workspace.LocalWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsInJournalTest {

    private static final String KEY = "prime-key-5ecr3t-value";

    @TempDir
    Path dir;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final SecretProvider secrets = name -> name.equals("prime-api-key")
            ? Optional.of(Secret.of(name, KEY)) : Optional.empty();

    @Test
    void secretPassedToACommandNeverReachesTheJournalTheLogOrTheResult() throws Exception {
        PlanAction action = TestPlans.withParams("call-prime", List.of(), Map.of(
                "command", TestPlans.json(List.of("sh", "-c", "echo using $PRIME_KEY; echo key=$PRIME_KEY >&2; exit 7")),
                "secretEnv.PRIME_KEY", "prime-api-key"));

        RunResult result = PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(),
                TestPlans.commandsForEveryKind()).secrets(secrets).log(log::add).build()
                .run(RunRequest.of("r1", "p", List.of(action)));

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.outputTail()).contains("using ****").doesNotContain(KEY);
        assertThat(result.message()).doesNotContain(KEY);
        assertThat(log).anyMatch(l -> l.contains("key=****")).noneMatch(l -> l.contains(KEY));
        assertNoFileHolds(KEY);
    }

    @Test
    void aCommonWordSecretNeverRewritesTheActionIdSoAResumeDoesNotRunTheActionAgain() throws Exception {
        String id = "manager.helm-upgrade.dataos-manager";
        Path marker = dir.resolve("upgrades");
        PlanAction upgrade = TestPlans.withParams(id, List.of(), Map.of(
                "command", TestPlans.json(List.of("sh", "-c", "echo upgraded with $KEY >> \"$0\"; echo using $KEY",
                        marker.toString())), "secretEnv.KEY", "prime-api-key"));
        PlanAction check = TestPlans.withParams("validate", List.of(id), Map.of(
                "command", TestPlans.json(List.of("sh", "-c", "test -e \"$0.ok\"", marker.toString()))));
        SecretProvider word = name -> name.equals("prime-api-key") ? Optional.of(Secret.of(name, "dataos"))
                : Optional.empty();
        LocalWorkspace workspace = new LocalWorkspace(dir);

        RunResult failed = PlanExecutor.builder(workspace, new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .secrets(word).log(log::add).build().run(RunRequest.of("r1", "p", List.of(upgrade, check)));
        Files.writeString(dir.resolve("upgrades.ok"), "");
        RunResult resumed = PlanExecutor.builder(workspace, new LocalCommandRunner(), TestPlans.commandsForEveryKind())
                .secrets(word).log(log::add).build().run(RunRequest.of("r1", "p", List.of(upgrade, check)));

        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(marker)).as("the upgrade ran once").hasSize(1);
        List<JournalEvent> events = JournalReader.read(workspace, "r1").events();
        assertThat(events).filteredOn(e -> e.is(EventType.ACTION_SUCCEEDED)).extracting(JournalEvent::actionId)
                .containsExactly(id, "validate");
        assertThat(log).anyMatch(l -> l.contains("using ****"));
    }

    @Test
    void secretInAHandlersErrorMessageIsMasked() throws Exception {
        ActionHandler leaky = (action, context) -> {
            Secret key = context.secret("prime-api-key");
            throw new IllegalStateException("login refused for key " + key.reveal());
        };
        PlanAction action = new PlanAction("login", io.dataos.upgrade.plan.Phase.PREPARE, null, null,
                ActionKind.PRE_CHECKS, null, null, List.of(), false, List.of(), "", Map.of());

        RunResult result = PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(),
                ActionHandlers.builder().on(ActionKind.PRE_CHECKS, leaky).build()).secrets(secrets).log(log::add)
                .build().run(RunRequest.of("r1", "p", List.of(action)));

        assertThat(result.error()).isEqualTo("login refused for key ****");
        assertThat(log).noneMatch(l -> l.contains(KEY));
        assertNoFileHolds(KEY);
    }

    @Test
    void missingSecretFailsTheActionNamingItWithoutRunningTheCommand() throws Exception {
        Path marker = dir.resolve("ran");
        PlanAction action = TestPlans.withParams("needs-token", List.of(), Map.of(
                "command", TestPlans.json(List.of("touch", marker.toString())), "secretEnv.TOKEN", "gateway-token"));

        RunResult result = PlanExecutor.builder(new LocalWorkspace(dir), new LocalCommandRunner(),
                TestPlans.commandsForEveryKind()).secrets(secrets).build()
                .run(RunRequest.of("r1", "p", List.of(action)));

        assertThat(result.status()).isEqualTo(RunStatus.FAILED);
        assertThat(result.error()).contains("gateway-token", "GATEWAY_TOKEN");
        assertThat(marker).doesNotExist();
    }

    private void assertNoFileHolds(String secret) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
            }
        }
    }
}
