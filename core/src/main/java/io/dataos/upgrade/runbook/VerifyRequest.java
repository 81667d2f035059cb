package io.dataos.upgrade.runbook;

import io.dataos.upgrade.verify.VerificationPurpose;
import java.io.Serializable;

/**
 * Which checks to run and where the results go: the checks file (null: the settings' {@code checks}),
 * the settings file (for the helm/kubectl programs and the state directory), whether this is
 * post-upgrade validation or post-rollback verification (null: post-upgrade), the directory for
 * {@code verification.json/.md/-junit.xml} (null: {@code <stateDir>/verify}) and an optional extra
 * path for the JUnit XML (the Jenkins {@code junit} step's input).
 */
public record VerifyRequest(String checks, String settings, VerificationPurpose purpose, String outputDir,
        String junitFile, SettingsOverrides overrides) implements Serializable {

    private static final long serialVersionUID = 1L;

    public VerifyRequest {
        purpose = purpose == null ? VerificationPurpose.POST_UPGRADE : purpose;
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
    }

    /** The checks file's post-upgrade validation, results in the default place. */
    public static VerifyRequest of(String checks) {
        return new VerifyRequest(checks, null, null, null, null, null);
    }
}
