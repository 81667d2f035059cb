package io.dataos.upgrade.verify;

import java.util.Objects;

/** Runs a release's Helm test hooks ({@code helm test <release> -n <namespace> --timeout ...}). */
public record HelmTestCheck(CheckBasics basics, String release, String namespace, boolean logs) implements Check {

    public HelmTestCheck {
        Objects.requireNonNull(basics, "basics");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(namespace, "namespace");
    }

    @Override
    public CheckType type() {
        return CheckType.HELM_TEST;
    }
}
