package io.dataos.upgrade.api;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.verify.VerificationPurpose;
import java.io.Serializable;

/**
 * Which checks to run and where the results go: the checks file (null: the settings' {@code checks}),
 * the settings file (for the helm/kubectl programs and the state directory), whether this is
 * post-upgrade validation or post-rollback verification (null: post-upgrade), the directory for
 * {@code verification.json/.md/-junit.xml} (null: {@code <stateDir>/verify}) and an optional extra
 * path for the JUnit XML (the Jenkins {@code junit} step's input), and how long the whole
 * verification may take (null: {@link #DEFAULT_TIMEOUT_MINUTES}, as the {@code dataosVerify} step).
 */
public record VerifyRequest(String checks, String settings, VerificationPurpose purpose, String outputDir,
        String junitFile, SettingsOverrides overrides, Integer timeoutMinutes) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The {@code dataosVerify} step's default. */
    public static final int DEFAULT_TIMEOUT_MINUTES = 15;

    public VerifyRequest {
        purpose = purpose == null ? VerificationPurpose.POST_UPGRADE : purpose;
        overrides = overrides == null ? SettingsOverrides.NONE : overrides;
        timeoutMinutes = timeoutMinutes == null ? DEFAULT_TIMEOUT_MINUTES : timeoutMinutes;
        if (timeoutMinutes <= 0) {
            throw new InvalidInputException(VerifyRunbook.SOURCE, "timeoutMinutes", timeoutMinutes
                    + " is not a positive number of minutes: give 1 or more (default "
                    + DEFAULT_TIMEOUT_MINUTES + ")");
        }
    }

    /** Why the platform is verified, as a front door names it; the engine's {@link VerificationPurpose}. */
    public enum Purpose {
        POST_UPGRADE(VerificationPurpose.POST_UPGRADE),
        POST_ROLLBACK(VerificationPurpose.POST_ROLLBACK);

        private final VerificationPurpose engine;

        Purpose(VerificationPurpose engine) {
            this.engine = engine;
        }
    }

    /** With the purpose as a front door names it (null: post-upgrade). */
    public VerifyRequest(String checks, String settings, Purpose purpose, String outputDir, String junitFile,
            SettingsOverrides overrides, Integer timeoutMinutes) {
        this(checks, settings, purpose == null ? null : purpose.engine, outputDir, junitFile, overrides,
                timeoutMinutes);
    }

    /** Without a time limit of its own: the default. */
    public VerifyRequest(String checks, String settings, VerificationPurpose purpose, String outputDir,
            String junitFile, SettingsOverrides overrides) {
        this(checks, settings, purpose, outputDir, junitFile, overrides, null);
    }

    /** The checks file's post-upgrade validation, results in the default place. */
    public static VerifyRequest of(String checks) {
        return new VerifyRequest(checks, null, null, null, null, null);
    }
}
