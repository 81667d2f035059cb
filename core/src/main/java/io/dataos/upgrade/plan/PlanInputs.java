package io.dataos.upgrade.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a plan was made from, recorded in its file so that a run can make it again and refuse any
 * difference ({@link PlanSeal}): when it was planned (the planner judges windows against that
 * instant), the installed platform state and the target manifest (path as given and the SHA-256 of
 * their bytes), and the options: the maintenance window spec and the checks file (null when not given).
 */
public record PlanInputs(Instant plannedAt, Input installed, Input target, String window, String checks) {

    /** One input file: its path as the planner was given it and the SHA-256 (hex) of its bytes. */
    public record Input(String path, String sha256) {
        public Input {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(sha256, "sha256");
        }

        /** {@code path} with the digest of {@code bytes}. */
        public static Input of(String path, byte[] bytes) {
            return new Input(path.replace('\\', '/'), PlanInputs.sha256(bytes));
        }
    }

    public PlanInputs {
        Objects.requireNonNull(plannedAt, "plannedAt");
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(target, "target");
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The lower-case hex SHA-256 of {@code text} in UTF-8. */
    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
