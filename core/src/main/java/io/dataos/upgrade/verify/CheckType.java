package io.dataos.upgrade.verify;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of verification check a checks file may list, with the name each has in that file. */
public enum CheckType {
    ROLLOUT("rollout"),
    HELM_TEST("helmTest"),
    HTTP("http"),
    PROMQL("promql"),
    DATA_INTEGRITY("dataIntegrity"),
    INTER_LAYER("interLayer"),
    COMMAND("command");

    private final String fileName;

    CheckType(String fileName) {
        this.fileName = fileName;
    }

    /** The name of this type in a checks file ({@code type: helmTest}). */
    public String fileName() {
        return fileName;
    }

    public static Optional<CheckType> fromFileName(String name) {
        return Arrays.stream(values()).filter(t -> t.fileName.equals(name)).findFirst();
    }

    /** The accepted names, for error messages. */
    public static String fileNames() {
        return String.join(", ", Arrays.stream(values()).map(CheckType::fileName).toList());
    }
}
