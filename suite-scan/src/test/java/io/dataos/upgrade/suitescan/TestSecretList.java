package io.dataos.upgrade.suitescan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one list of the fake secrets the tests use ({@code test-secrets.txt} at the repository root): each line a
 * literal value, {@code regex:} a pattern for a value made at run time, {@code not-a-secret:} a literal that
 * looks like a secret to {@link SecretLiteralFinder} but is a name, or {@code kept-input:} a path glob (relative
 * to the root) of a file a test deliberately writes a secret into as its input.
 */
record TestSecretList(Path file, List<Entry> secrets, List<String> notSecrets, List<String> keptInputs) {

    /** One secret: a literal or a pattern, with the line of the list that declares it (the scan names the line, never the value). */
    record Entry(int line, String literal, Pattern pattern) {

        String describe(Path file) {
            return file.getFileName() + " line " + line;
        }
    }

    static TestSecretList read(Path file) throws IOException {
        List<Entry> secrets = new ArrayList<>();
        List<String> notSecrets = new ArrayList<>();
        List<String> keptInputs = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("regex:")) {
                secrets.add(new Entry(i + 1, null, Pattern.compile(line.substring("regex:".length()).strip())));
            } else if (line.startsWith("not-a-secret:")) {
                notSecrets.add(line.substring("not-a-secret:".length()).strip());
            } else if (line.startsWith("kept-input:")) {
                keptInputs.add(line.substring("kept-input:".length()).strip());
            } else {
                if (line.length() < 6) {
                    throw new IllegalArgumentException(file + " line " + (i + 1)
                            + ": a test secret needs at least 6 characters to be searched for without false finds;"
                            + " make the test's value longer");
                }
                secrets.add(new Entry(i + 1, line, null));
            }
        }
        return new TestSecretList(file, List.copyOf(secrets), List.copyOf(notSecrets), List.copyOf(keptInputs));
    }

    /** Whether a literal found in a test source is covered: listed, matched by a pattern, or declared a name. */
    boolean covers(String literal) {
        return notSecrets.contains(literal) || secrets.stream().anyMatch(e -> e.literal() != null
                ? e.literal().equals(literal) : e.pattern().matcher(literal).matches());
    }
}
