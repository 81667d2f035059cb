package io.dataos.upgrade.run;

import java.util.HashMap;
import java.util.Map;

/** The kinds of journal event, by the name written in each line's {@code type} field. */
public enum EventType {
    RUN_STARTED("run-started"),
    LOCK_ACQUIRED("lock-acquired"),
    ACTION_PLANNED("action-planned"),
    ACTION_APPROVED("action-approved"),
    ACTION_REJECTED("action-rejected"),
    ACTION_WAITING_FOR_APPROVAL("action-waiting-for-approval"),
    ACTION_RECHECKED("action-rechecked"),
    ACTION_STARTED("action-started"),
    ACTION_SUCCEEDED("action-succeeded"),
    ACTION_FAILED("action-failed"),
    ACTION_SKIPPED("action-skipped"),
    ACTION_INTERRUPTED("action-interrupted"),
    ACTION_WOULD_RUN("action-would-run"),
    COMMAND_STARTED("command-started"),
    COMMAND_RUNNING("command-running"),
    COMMAND_FINISHED("command-finished"),
    COMMAND_WOULD_RUN("command-would-run"),
    COMMAND_OUTLIVED_RUN("command-outlived-run"),
    RUN_FINISHED("run-finished");

    private static final Map<String, EventType> BY_NAME = new HashMap<>();

    static {
        for (EventType type : values()) {
            BY_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the journal line. */
    public String wireName() {
        return wireName;
    }

    /** The type named {@code wireName}, or null for a type this version does not know. */
    public static EventType of(String wireName) {
        return BY_NAME.get(wireName);
    }
}
