package io.jenkins.plugins.dataos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.dataos.upgrade.secret.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.core.Authentication;

/** Steps started as Pipeline starts them, with a test StepContext and credentials. */
class StepExecutionTest {

    static final String KEY = "prime-9f3c2a71d4e8";

    @TempDir
    Path workspace;
    @TempDir
    Path agent;

    @BeforeEach
    @AfterEach
    void noCredentials() {
        TestCredentials.reset();
    }

    @Test
    void missingCredentialFailsTheUpgradeNamingTheIdAndTheFix() throws Exception {
        TestStepContext context = new TestStepContext(workspace, agent);
        DataosUpgradeStep step = new DataosUpgradeStep("releases/1.12.yaml", "values.yaml", "dataos-prime-key",
                "state/installed.yaml");

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageContaining("'dataos-prime-key'").hasMessageContaining("Secret text");
    }

    @Test
    void credentialOfTheWrongKindFailsNamingTheIdAndItsKind() throws Exception {
        TestCredentials.usernamePassword("dataos-prime-key");
        TestStepContext context = new TestStepContext(workspace, agent);

        new DataosRollbackStep("plan.json").start(context).start();
        // no credentialsId given to the rollback: nothing to resolve, so ask the provider directly as well
        assertThatThrownBy(() -> StepCredentials.resolve(context.get(Run.class),
                Map.of("prime-api-key", "dataos-prime-key"), new SecretMasker()))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'dataos-prime-key'").hasMessageContaining("Username with password");
    }

    @Test
    void resolvedCredentialIsMaskedInEverythingTheStepPrints() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestStepContext context = new TestStepContext(workspace, agent);
        SecretMasker masker = new SecretMasker();

        Map<String, String> environment = StepCredentials.resolve(context.get(Run.class),
                Map.of("prime-api-key", "dataos-prime-key"), masker);
        masker.printStream(context.get(hudson.model.TaskListener.class).getLogger())
                .println("helm upgrade --set primeApiKey=" + KEY);

        assertThat(environment).containsExactly(Map.entry("PRIME_API_KEY", KEY));
        assertThat(context.log()).contains("primeApiKey=****").doesNotContain(KEY);
    }

    @Test
    void argumentThatLeavesTheWorkspaceIsRefusedBeforeAnythingRuns() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestStepContext context = new TestStepContext(workspace, agent);
        DataosUpgradeStep step = new DataosUpgradeStep("releases/1.12.yaml", "../../etc/dataos/values.yaml",
                "dataos-prime-key", "state/installed.yaml");

        assertThatThrownBy(() -> step.start(context)).isInstanceOf(AbortException.class)
                .hasMessageContaining("valuesFile").hasMessageContaining("inside the workspace");
        assertThat(context.log()).doesNotContain(KEY);
    }

    @Test
    void planOfUnknownTypeIsRefusedNamingTheChoices() throws Exception {
        TestStepContext context = new TestStepContext(workspace, agent);

        assertThatThrownBy(() -> new DataosPlanStep("downgrade", "state/installed.yaml").start(context))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("type 'downgrade'").hasMessageContaining("upgrade, rollback");
    }

    @Test
    void resultMapsArePlainSerializableAndMasked() throws Exception {
        SecretMasker masker = new SecretMasker();
        masker.add(Secret.of("prime-api-key", KEY));
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("summary", "upgrade with key " + KEY);
        raw.put("actions", 12);
        raw.put("gates", List.of(Map.of("id", "g1", "approvers", List.of("ops-lead"))));
        raw.put("dryRun", true);

        Map<String, Object> plain = ResultMaps.plain(raw, masker);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(plain);
        }
        Object back = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();

        assertThat(back).isEqualTo(plain);
        assertThat(plain.get("summary")).isEqualTo("upgrade with key ****");
        assertThat(plain.get("gates")).isInstanceOf(ArrayList.class);
        assertThat(bytes.toString(java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
        assertThatThrownBy(() -> ResultMaps.plain(Map.of("path", Path.of("x")), masker))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("path");
    }

    @Test
    void credentialsDropDownListsSecretTextOnlyForThoseWhoMayConfigureTheJob() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestCredentials.usernamePassword("git-login");
        DataosUpgradeStep.DescriptorImpl d = new DataosUpgradeStep.DescriptorImpl();

        ListBoxModel allowed = d.doFillCredentialsIdItems(item(true), "");
        ListBoxModel denied = d.doFillCredentialsIdItems(item(false), "typed-id");

        assertThat(allowed).extracting(o -> o.value).containsExactly("", "dataos-prime-key");
        assertThat(denied).extracting(o -> o.value).containsExactly("typed-id");
        assertThat(d.doCheckCredentialsId(item(true), "").kind).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(d.doCheckValuesFile("/etc/values.yaml").kind).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(d.doCheckValuesFile("values/dataos-manager.yaml").kind).isEqualTo(hudson.util.FormValidation.Kind.OK);
        assertThat(d.doCheckTimeoutMinutes("0").kind).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
    }

    @Test
    void credentialsDropDownListsWhatTheJobsOwnAuthenticationCanUse() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        DataosUpgradeStep.DescriptorImpl d = new DataosUpgradeStep.DescriptorImpl();

        // a job that runs as a user (e.g. Authorize Project): the system store is not the user's to use
        ListBoxModel asUser = d.doFillCredentialsIdItems(new TaskJob(new org.springframework.security.authentication
                .UsernamePasswordAuthenticationToken("alice", "n/a", List.of())), "");
        ListBoxModel asSystem = d.doFillCredentialsIdItems(new TaskJob(ACL.SYSTEM2), "");

        assertThat(asUser).extracting(o -> o.value).containsExactly("");
        assertThat(asSystem).extracting(o -> o.value).containsExactly("", "dataos-prime-key");
    }

    /** A job that is a queue task, built as {@code as}, configurable by everyone. */
    static final class TaskJob extends TestStepContext.TestJob implements hudson.model.Queue.Task {
        private final transient Authentication as;

        TaskJob(Authentication as) {
            this.as = as;
        }

        @Override
        public Authentication getDefaultAuthentication2() {
            return as;
        }
    }

    private static Item item(boolean mayConfigure) {
        return new TestStepContext.TestJob() {
            @Override
            public ACL getACL() {
                return new ACL() {
                    @Override
                    public boolean hasPermission2(Authentication a, hudson.security.Permission p) {
                        return mayConfigure;
                    }
                };
            }
        };
    }
}
