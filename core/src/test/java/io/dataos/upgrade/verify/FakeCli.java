package io.dataos.upgrade.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A stand-in {@code kubectl} or {@code helm} executable for tests: a shell script that records its
 * argv (one argument per line) and prints what the real CLI prints in the scenario, with the real
 * exit code. The outputs are copied from the real tools (see the constants' comments).
 */
final class FakeCli {

    /** kubectl's StatefulSet status viewer, rollout finished (RollingUpdate without partition). */
    static final String ROLLOUT_COMPLETE = """
            Waiting for 1 pods to be ready...
            waiting for statefulset rolling update to complete 2 pods at revision dataos-manager-7c9d5b8f4...
            statefulset rolling update complete 3 pods at revision dataos-manager-7c9d5b8f4...
            """;
    /** kubectl when --timeout passes before the rollout completes (exit 1). */
    static final String ROLLOUT_TIMED_OUT = """
            Waiting for 1 pods to be ready...
            error: timed out waiting for the condition
            """;
    /** kubectl 1.32 against an API server that refuses connections (recorded on this machine, exit 1). */
    static final String CLUSTER_REFUSED = """
            E1125 12:27:00.410957   11076 memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"https://127.0.0.1:1/api?timeout=32s\\": dial tcp 127.0.0.1:1: connect: connection refused"
            The connection to the server 127.0.0.1:1 was refused - did you specify the right host or port?
            """;
    /** helm 3 test, one test hook pod that succeeded. */
    static final String HELM_TEST_SUCCEEDED = """
            NAME: dataos-manager
            LAST DEPLOYED: Mon Nov 24 10:00:00 2025
            NAMESPACE: dataos-manager
            STATUS: deployed
            REVISION: 3
            TEST SUITE:     dataos-manager-test-connection
            Last Started:   Mon Nov 24 10:05:00 2025
            Last Completed: Mon Nov 24 10:05:04 2025
            Phase:          Succeeded
            """;
    /** helm 3 test, the hook pod failed (exit 1). */
    static final String HELM_TEST_FAILED = """
            NAME: dataos-manager
            LAST DEPLOYED: Mon Nov 24 10:00:00 2025
            NAMESPACE: dataos-manager
            STATUS: deployed
            REVISION: 3
            TEST SUITE:     dataos-manager-test-connection
            Last Started:   Mon Nov 24 10:05:00 2025
            Last Completed: Mon Nov 24 10:05:09 2025
            Phase:          Failed
            Error: 1 error occurred:
            \t* pod dataos-manager-test-connection failed

            """;

    private FakeCli() {
    }

    /**
     * Writes an executable {@code name} into {@code dir} that records its argv to {@code name.argv},
     * prints {@code output} and exits with {@code exit}.
     */
    static Path write(Path dir, String name, String output, int exit) throws IOException {
        Path out = dir.resolve(name + ".out");
        Files.writeString(out, output, StandardCharsets.UTF_8);
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n"
                + ": > '" + dir.resolve(name + ".argv") + "'\n"
                + "for a in \"$@\"; do printf '%s\\n' \"$a\" >> '" + dir.resolve(name + ".argv") + "'; done\n"
                + "cat '" + out + "'\n"
                + "exit " + exit + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    static List<String> argv(Path dir, String name) throws IOException {
        return Files.readAllLines(dir.resolve(name + ".argv"));
    }
}
