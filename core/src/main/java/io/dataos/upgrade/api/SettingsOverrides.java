package io.dataos.upgrade.api;

import java.io.Serializable;

/**
 * Values a caller gives for one run that take precedence over the runbook settings file (the
 * Jenkins steps' {@code releaseName}, {@code namespace}, {@code chart}, {@code timeoutMinutes},
 * {@code stateDir}). Every field is optional: null keeps the settings file's value.
 */
public record SettingsOverrides(String helmRelease, String namespace, String chart, Integer timeoutMinutes,
        String stateDir, Integer parallelism) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** No overrides. */
    public static final SettingsOverrides NONE = new SettingsOverrides(null, null, null, null, null, null);
}
