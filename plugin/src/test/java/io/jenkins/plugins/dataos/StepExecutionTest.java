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

    @BeforeEach
    @AfterEach
    void noCredentials() {
        TestCredentials.reset();
    }

    @Test
    void missingCredentialFailsTheUpgradeNamingTheIdAndTheFix() throws Exception {
        TestStepContext context = new TestStepContext(workspace);
        DataosUpgradeStep step = new DataosUpgradeStep("releases/1.12.yaml", "values.yaml", "dataos-prime-key",
                "state/installed.yaml");

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageContaining("'dataos-prime-key'").hasMessageContaining("Secret text");
    }

    @Test
    void credentialOfTheWrongKindFailsNamingTheIdAndItsKind() throws Exception {
        TestCredentials.usernamePassword("dataos-prime-key");
        TestStepContext context = new TestStepContext(workspace);

        new DataosRollbackStep("plan.json").start(context).start();
        // no credentialsId given to the rollback: nothing to resolve, so ask the provider directly as well
        assertThatThrownBy(() -> CredentialsSecretProvider.resolve(context.get(Run.class),
                Map.of("prime-api-key", "dataos-prime-key"), new SecretMasker()))
                .isInstanceOf(AbortException.class)
                .hasMessageContaining("'dataos-prime-key'").hasMessageContaining("Username with password");
    }

    @Test
    void resolvedCredentialIsMaskedInEverythingTheStepPrints() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestStepContext context = new TestStepContext(workspace);
        SecretMasker masker = new SecretMasker();

        CredentialsSecretProvider provider = CredentialsSecretProvider.resolve(context.get(Run.class),
                Map.of("prime-api-key", "dataos-prime-key"), masker);
        masker.printStream(context.listener.getLogger()).println("helm upgrade --set primeApiKey=" + KEY);

        assertThat(provider.require("prime-api-key").reveal()).isEqualTo(KEY);
        assertThat(provider.find("postgres-password")).isEmpty();
        assertThat(context.log()).contains("primeApiKey=****").doesNotContain(KEY);
    }

    @Test
    void argumentThatLeavesTheWorkspaceIsRefusedBeforeAnythingRuns() throws Exception {
        TestCredentials.secretText("dataos-prime-key", KEY);
        TestStepContext context = new TestStepContext(workspace);
        DataosUpgradeStep step = new DataosUpgradeStep("releases/1.12.yaml", "../../etc/dataos/values.yaml",
                "dataos-prime-key", "state/installed.yaml");

        step.start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageContaining("valuesFile").hasMessageContaining("inside the workspace");
        assertThat(context.log()).doesNotContain(KEY);
    }

    @Test
    void planOfUnknownTypeIsRefusedNamingTheChoices() throws Exception {
        TestStepContext context = new TestStepContext(workspace);

        new DataosPlanStep("downgrade", "state/installed.yaml").start(context).start();

        assertThatThrownBy(context::await).isInstanceOf(AbortException.class)
                .hasMessageContaining("type 'downgrade'").hasMessageContaining("upgrade, rollback");
    }

    @Test
    void rollbackRefusesGatedActionsThatWereNotApproved() throws Exception {
        Map<String, String> planGates = new LinkedHashMap<>();
        planGates.put("core-kernel:poros-major", "major Core Kernel change needs the owner's approval");
        planGates.put("cloud-kernel:new-cluster", "Kubernetes cannot go back: a new cluster is created");
        DataosRollbackStep step = new DataosRollbackStep("plan.json");
        step.setApprovedGates(List.of("core-kernel:poros-major"));
        step.setApprover("ops-lead");
        ApprovedGates approvals = step.approvals();

        approvals.checkKnown(planGates);
        approvals.require("core-kernel:poros-major", planGates.get("core-kernel:poros-major"));

        assertThatThrownBy(() -> approvals.require("cloud-kernel:new-cluster", planGates.get("cloud-kernel:new-cluster")))
                .isInstanceOf(AbortException.class).hasMessageContaining("cloud-kernel:new-cluster")
                .hasMessageContaining("approvedGates");
        assertThat(approvals.refused(planGates)).containsExactly("cloud-kernel:new-cluster");
        assertThat(approvals.approver()).isEqualTo("ops-lead");

        io.dataos.upgrade.run.Approvals port = approvals.toApprovals();
        assertThat(port.decide(gate("core-kernel:poros-major"))).isInstanceOf(io.dataos.upgrade.run.Decision.Approved.class);
        assertThat(port.decide(gate("cloud-kernel:new-cluster")))
                .isNotInstanceOf(io.dataos.upgrade.run.Decision.Approved.class);
    }

    private static io.dataos.upgrade.plan.PlanAction gate(String id) {
        return new io.dataos.upgrade.plan.PlanAction(id, io.dataos.upgrade.plan.Phase.CORE_KERNEL,
                io.dataos.upgrade.model.Layer.CORE_KERNEL, "poros", io.dataos.upgrade.plan.ActionKind.OWNER_APPROVAL,
                "2.0.0", "1.4.0", List.of(), true, List.of("ops-lead"), "owner approval", Map.of());
    }

    @Test
    void approvalForAGateThePlanDoesNotHaveIsRefused() {
        ApprovedGates approvals = new ApprovedGates(List.of("core-kernel:porso-major"), "ops-lead");

        assertThatThrownBy(() -> approvals.checkKnown(Map.of("core-kernel:poros-major", "major change")))
                .isInstanceOf(AbortException.class).hasMessageContaining("core-kernel:porso-major")
                .hasMessageContaining("core-kernel:poros-major");
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
