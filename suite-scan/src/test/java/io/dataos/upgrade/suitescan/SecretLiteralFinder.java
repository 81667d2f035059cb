package io.dataos.upgrade.suitescan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds string literals in Java test sources that are used as secret values, so that a secret a test adds
 * later cannot escape the suite-wide scan by not being in {@code test-secrets.txt}.
 */
final class SecretLiteralFinder {

    /** Places where a literal is a secret value: the second argument of Secret.of, credentials and secret values, and constants named like secrets. */
    private static final List<Pattern> PLACES = List.of(
            Pattern.compile("Secret\\.of\\(\\s*[^,()]+,\\s*\"([^\"]*)\""),
            Pattern.compile("secretText\\(\\s*[^,()]+,\\s*\"([^\"]*)\""),
            Pattern.compile("keyFile\\(\\s*\"([^\"\\\\]*)"),
            Pattern.compile("withSecretValue\\(\\s*[^,()]+,\\s*\"([^\"]*)\""),
            // a declared String constant or variable named like a secret (KEY, GRAFANA_TOKEN, password, apiKey)
            Pattern.compile("\\b(?:String|var)\\s+\\w*(?:key|token|password|secret|pw)\\w*\\s*=\\s*\"([^\"]*)\"",
                    Pattern.CASE_INSENSITIVE));

    private SecretLiteralFinder() {
    }

    /** The secret-looking literals in one source text (empty and very short literals are not secrets). */
    static List<String> find(String source) {
        List<String> found = new ArrayList<>();
        for (Pattern place : PLACES) {
            Matcher m = place.matcher(source);
            while (m.find()) {
                String literal = m.group(1);
                if (literal.length() >= 4 && !found.contains(literal)) {
                    found.add(literal);
                }
            }
        }
        return found;
    }
}
