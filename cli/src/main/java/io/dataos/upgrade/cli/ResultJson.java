package io.dataos.upgrade.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one JSON object a command prints on standard output with {@code --output json}
 * (docs/engine-contract.md): its result, or {@code {"status":"INVALID_INPUT"|"FAILED"|"INTERRUPTED",
 * "error":...}} when there is none.
 */
final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {
    }

    /**
     * Whether the command line asks for JSON. Read from the raw arguments, because a refused argument
     * leaves no parsed option to ask.
     */
    static boolean requested(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--output") && i + 1 < args.size()) {
                return args.get(i + 1).toLowerCase(Locale.ROOT).equals("json");
            }
            if (arg.toLowerCase(Locale.ROOT).equals("--output=json")) {
                return true;
            }
        }
        return false;
    }

    static boolean requested(String[] args) {
        return requested(List.of(args));
    }

    static void print(PrintWriter out, Map<String, ?> result) {
        try {
            out.println(JSON.writeValueAsString(result));
        } catch (JsonProcessingException e) {
            // the maps hold strings, numbers, booleans, lists and maps only: this is a bug, not input
            throw new IllegalStateException("result not printable as JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
