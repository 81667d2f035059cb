package io.dataos.upgrade.notify;

import java.util.Arrays;
import java.util.Optional;

/** The stakeholder groups the runbook says to inform, each with the name used in files and config. */
public enum Audience {
    DATA_PRODUCT_CONSUMERS("Data Product Consumer teams", "consumers"),
    DATA_PRODUCT_DEVELOPERS("Data Product Development teams", "developers"),
    PLATFORM_OPERATORS("DataOS Operators and Platform Administrators", "operators"),
    OTHER_AFFECTED_TEAMS("Other affected teams (e.g. Operations)", "otherTeams");

    private final String title;
    private final String key;

    Audience(String title, String key) {
        this.title = title;
        this.key = key;
    }

    /** The group as people call it. */
    public String title() {
        return title;
    }

    /** The group's name in config files and notice file names. */
    public String key() {
        return key;
    }

    public static Optional<Audience> fromKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Audience::key).toList());
    }
}
