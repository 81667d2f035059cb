package io.dataos.upgrade.cli;

import io.dataos.upgrade.api.InvalidInputException;
import io.dataos.upgrade.api.GateApprovals;
import io.dataos.upgrade.api.RunbookPorts;
import io.dataos.upgrade.api.SettingsOverrides;
import io.dataos.upgrade.secret.SecretNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every runbook command shares: the workspace, the settings file, the secrets (key files or
 * environment), the output format, and turning it all into the engine's ports. Progress lines go to
 * standard output as the run goes, or to standard error with {@code --output json}, which prints the
 * result as one JSON object on standard output.
 */
final class RunbookOptions {

    /** How the result is printed. */
    enum Format {
        TEXT,
        JSON
    }

    /** Accepts text/json in any case. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an output format: use text or"
                        + " json");
            }
        }
    }

    @Option(names = "--workspace", defaultValue = ".", paramLabel = "DIR",
            description = "The workspace: every file argument is inside it, and .dataos-upgrade/ (journal, backup"
                    + " kits, locks) and the state directory are kept in it. Default: the current directory.")
    Path workspace;

    @Option(names = "--settings", paramLabel = "FILE",
            description = "Runbook settings (docs/settings.md). Default: dataos-upgrade.yaml in the workspace when it"
                    + " exists, else the defaults.")
    Path settings;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "The run state kept across runs: journals, backup kits, locks. It may lie outside the"
                    + " workspace (the Jenkins steps keep it under the agent's root, so that it outlives a wiped"
                    + " workspace); results still name its files .dataos-upgrade/... Created owner-only when missing."
                    + " Default: .dataos-upgrade in the workspace.")
    Path stateDir;

    @Option(names = "--outputs-dir", paramLabel = "DIR",
            description = "Where verification results, notices and reports are written (the settings' stateDir), in"
                    + " the workspace. Default: stateDir of the settings, else dataos-upgrade.")
    Path outputsDir;

    @Option(names = "--output", paramLabel = "text|json", converter = FormatConverter.class,
            description = "text (default): progress and a summary; json: progress on standard error, the result as"
                    + " JSON on standard output.")
    Format format = Format.TEXT;

    @Option(names = "--prime-api-key-file", paramLabel = "FILE",
            description = "File holding the DataOS Prime API key, readable by its owner only (chmod 600). Default:"
                    + " the environment variable PRIME_API_KEY.")
    Path primeApiKeyFile;

    @Option(names = "--postgres-password-file", paramLabel = "FILE",
            description = "File holding the DataOS database password, owner-only. Default: POSTGRES_PASSWORD.")
    Path postgresPasswordFile;

    @Option(names = "--secret-file", paramLabel = "NAME=FILE",
            description = "Any other secret the settings or checks name (smtp-password, a webhook, a token), from an"
                    + " owner-only file. Default: the environment variable NAME in upper case with '_' for '-'."
                    + " Repeatable.")
    Map<String, Path> secretFiles = new LinkedHashMap<>();

    Function<String, String> environment = System::getenv;
    Clock clock = Clock.systemUTC();

    /** Local ports on the workspace, the run state in {@code --state-dir} when given (created owner-only). */
    RunbookPorts localPorts() throws IOException {
        if (stateDir == null) {
            return RunbookPorts.local(workspace, null);
        }
        Path state = stateDir.toAbsolutePath().normalize();
        if (Files.exists(state) && !Files.isDirectory(state)) {
            throw new InvalidInputException("--state-dir", stateDir.toString(), "is not a directory: give the folder"
                    + " that keeps the journals, backup kits and locks");
        }
        if (!Files.exists(state)) {
            Files.createDirectories(state);
            try {
                Files.setPosixFilePermissions(state, java.nio.file.attribute.PosixFilePermissions.fromString(
                        "rwx------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the folder's ACL is the parent's
            }
        }
        return RunbookPorts.local(workspace, state);
    }

    /**
     * {@code file} as a workspace path: an absolute path must lie in the workspace; a relative one is
     * taken from the current directory when that names an existing file in the workspace, else as
     * relative to the workspace. A path leaving the workspace is refused naming {@code option}.
     */
    String inWorkspace(Path file, String option) {
        if (file == null) {
            return null;
        }
        Path root = workspace.toAbsolutePath().normalize();
        Path absolute;
        if (file.isAbsolute()) {
            absolute = file.normalize();
        } else {
            Path fromHere = Path.of("").toAbsolutePath().resolve(file).normalize();
            absolute = fromHere.startsWith(root) && Files.exists(fromHere) ? fromHere : root.resolve(file).normalize();
        }
        if (!absolute.startsWith(root)) {
            throw new InvalidInputException(option, file.toString(), "is outside the workspace " + root
                    + ": put it in the workspace, or point --workspace at the directory holding it");
        }
        Path real = realPath(absolute, option, file);
        if (!real.startsWith(realPath(root, "--workspace", root))) {
            throw new InvalidInputException(option, file.toString(), "leaves the workspace " + root
                    + " through a symbolic link (it is really " + real + "): give a file inside the workspace");
        }
        String relative = root.relativize(absolute).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    /**
     * Where {@code path} really is, symbolic links followed; the part that does not exist yet (a file to
     * write) is appended to its deepest existing folder. A link to nothing is refused: writing through it
     * could create a file anywhere.
     */
    private static Path realPath(Path path, String option, Path given) {
        java.util.Deque<Path> missing = new java.util.ArrayDeque<>();
        Path existing = path;
        while (existing != null && !Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            Path real = existing.toRealPath();
            while (!missing.isEmpty()) {
                real = real.resolve(missing.pop());
            }
            return real;
        } catch (IOException e) {
            throw new InvalidInputException(option, given.toString(), "cannot be resolved (" + e.getMessage()
                    + "; a symbolic link to nothing?): give a plain file inside the workspace");
        }
    }

    String settings() {
        return inWorkspace(settings, "--settings");
    }

    /**
     * What the command line sets over the settings file for this run: the outputs directory and the
     * given Helm release, namespace, chart and time limit (null keeps the settings' value).
     */
    SettingsOverrides overrides(String helmRelease, String namespace, String chart, Integer timeoutMinutes) {
        positiveMinutes(timeoutMinutes);
        String outputs = outputsDir == null ? null : outputsDir.isAbsolute() ? inWorkspace(outputsDir,
                "--outputs-dir") : outputsDir.normalize().toString().replace('\\', '/');
        return new SettingsOverrides(helmRelease, namespace, chart, timeoutMinutes, outputs, null);
    }

    static void positiveMinutes(Integer timeoutMinutes) {
        if (timeoutMinutes != null && timeoutMinutes <= 0) {
            throw new InvalidInputException("--timeout-minutes", timeoutMinutes.toString(), "is not a positive number"
                    + " of minutes: give 1 or more");
        }
    }

    CliSecrets secrets() throws IOException {
        Map<String, CliSecrets.Named> files = new LinkedHashMap<>();
        secretFiles.forEach((name, file) -> files.put(name, new CliSecrets.Named("--secret-file " + name, file)));
        if (primeApiKeyFile != null) {
            files.put(SecretNames.PRIME_API_KEY, new CliSecrets.Named("--prime-api-key-file", primeApiKeyFile));
        }
        if (postgresPasswordFile != null) {
            files.put(SecretNames.POSTGRES_PASSWORD, new CliSecrets.Named("--postgres-password-file",
                    postgresPasswordFile));
        }
        return CliSecrets.of(files, environment);
    }

    /** Where progress lines go: standard output, or standard error when the result is JSON. */
    PrintWriter progress(CommandLine commandLine) {
        return format == Format.JSON ? commandLine.getErr() : commandLine.getOut();
    }

    RunbookPorts ports(CommandLine commandLine, GateApprovals approvals) throws IOException {
        PrintWriter progress = progress(commandLine);
        return localPorts().withSecrets(secrets()).withApprovals(approvals).withLog(line -> {
            progress.println(line);
            progress.flush();
        }).withClock(clock);
    }

    /** The approvals of {@code --approve} / {@code --approve-all-as}; refuses both at once. */
    GateApprovals approvals(Map<String, String> approved, String approveAllAs) {
        return approvals(approved, approveAllAs, java.util.List.of());
    }

    /** The largest {@code --approver-groups-file} read: a user in thousands of groups still fits. */
    static final long MAX_GROUPS_FILE = 1 << 20;

    /**
     * The {@code --approver-group} pairs and those of {@code --approver-groups-file} (one a line; blank lines and
     * {@code #} comments skipped), each line checked as {@code --approver-group} is.
     */
    static java.util.List<String> approverGroups(java.util.List<String> given, Path file) throws IOException {
        java.util.List<String> all = new java.util.ArrayList<>(given);
        if (file == null) {
            return all;
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("--approver-groups-file", file.toString(), "is not a file: give the file"
                    + " of APPROVER=GROUP lines");
        }
        if (Files.size(file) > MAX_GROUPS_FILE) {
            throw new InvalidInputException("--approver-groups-file", file.toString(), "is larger than "
                    + MAX_GROUPS_FILE + " bytes: give the file of APPROVER=GROUP lines");
        }
        java.util.List<String> lines;
        try {
            lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            throw new InvalidInputException("--approver-groups-file", file.toString(), "is not UTF-8 text: write it"
                    + " as UTF-8, one APPROVER=GROUP a line");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.substring(eq + 1).isBlank()) {
                throw new InvalidInputException(file.toString(), "line " + (i + 1), "is not APPROVER=GROUP: write"
                        + " one pair a line, e.g. bob=poros-team");
            }
            all.add(line);
        }
        return all;
    }

    /**
     * As {@link #approvals(Map, String)}, with the groups of {@code --approver-group APPROVER=GROUP}
     * (an approval counts for a gate whose approvers name the approver or one of its groups).
     */
    GateApprovals approvals(Map<String, String> approved, String approveAllAs, java.util.List<String> approverGroups) {
        Map<String, java.util.List<String>> groups = new LinkedHashMap<>();
        for (String entry : approverGroups) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1 || entry.substring(eq + 1).isBlank()) {
                throw new InvalidInputException("--approver-group", entry, "is not APPROVER=GROUP: write e.g."
                        + " --approver-group bob=poros-team");
            }
            groups.computeIfAbsent(entry.substring(0, eq).strip(), k -> new java.util.ArrayList<>())
                    .add(entry.substring(eq + 1).strip());
        }
        if (!groups.isEmpty() && approveAllAs == null) {
            approved.forEach((gate, who) -> {
                if (who == null || who.isBlank()) {
                    throw new InvalidInputException("--approve", gate, "names no approver: write GATE=APPROVER");
                }
            });
            return GateApprovals.given(approved, groups, clock);
        }
        if (approveAllAs != null) {
            if (!approved.isEmpty()) {
                throw new InvalidInputException("--approve-all-as", "--approve", "give either --approve GATE=APPROVER"
                        + " (one per gate) or --approve-all-as NAME (every gate), not both");
            }
            if (approveAllAs.isBlank()) {
                throw new InvalidInputException("--approve-all-as", "NAME", "is empty: name who approves");
            }
            return GateApprovals.everyGate(approveAllAs.strip(), "every gate approved in advance on the command line"
                    + " (--approve-all-as)", clock);
        }
        approved.forEach((gate, who) -> {
            if (who == null || who.isBlank()) {
                throw new InvalidInputException("--approve", gate, "names no approver: write GATE=APPROVER");
            }
        });
        return GateApprovals.given(approved, clock);
    }

    /** Prints {@code result} as JSON on standard output. */
    void printJson(CommandLine commandLine, Map<String, Object> result) {
        ResultJson.print(commandLine.getOut(), result);
    }
}
