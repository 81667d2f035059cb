package io.dataos.upgrade.plan;

/** How much can go wrong with a plan, for the go/no-go decision; see docs/planning.md for the rules. */
public enum RiskLevel {
    LOW,
    MEDIUM,
    HIGH
}
