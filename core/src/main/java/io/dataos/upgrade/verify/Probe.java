package io.dataos.upgrade.verify;

/** Carries out one type of check against the real system it verifies. */
interface Probe<C extends Check> {

    Outcome probe(C check, ProbeContext context) throws Exception;
}
