package io.jenkins.plugins.dataos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the engine's JSON result into the plain values a Pipeline keeps: {@code LinkedHashMap}, {@code ArrayList},
 * {@code String}, {@code Long}, {@code Double} and {@code Boolean} ({@code null}s are left out of objects). The
 * plugin carries no JSON library on the controller's class path; the engine's output is small and its grammar is
 * RFC 8259's, so this reader is the whole dependency.
 */
final class EngineJson {

    private final String text;
    private int at;

    private EngineJson(String text) {
        this.text = text;
    }

    /** The one JSON object {@code text} holds (white space around it allowed). */
    static Map<String, Object> object(String text) throws MalformedResult {
        EngineJson reader = new EngineJson(text);
        reader.space();
        if (reader.at >= text.length() || text.charAt(reader.at) != '{') {
            throw new MalformedResult("the engine printed no JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) reader.value();
        reader.space();
        if (reader.at != text.length()) {
            throw new MalformedResult("the engine printed more than one JSON value (at offset " + reader.at + ")");
        }
        return result;
    }

    private Object value() throws MalformedResult {
        space();
        if (at >= text.length()) {
            throw new MalformedResult("the engine's JSON ends early");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() throws MalformedResult {
        Map<String, Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return map;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw malformed("a member name");
            }
            String key = string();
            space();
            expect(':');
            Object v = value();
            if (v != null) {
                map.put(key, v);
            }
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array() throws MalformedResult {
        List<Object> list = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return list;
        }
        while (true) {
            list.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() throws MalformedResult {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    break;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw malformed("four hex digits");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e2) {
                            throw malformed("four hex digits");
                        }
                        at += 4;
                    }
                    default -> throw malformed("an escape");
                }
            } else if (c < 0x20) {
                throw malformed("no control character in a string");
            } else {
                out.append(c);
            }
        }
        throw new MalformedResult("the engine's JSON ends inside a string");
    }

    private Object number() throws MalformedResult {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        String n = text.substring(start, at);
        try {
            if (n.matches("-?(0|[1-9][0-9]*)")) {
                return Long.parseLong(n);
            }
            if (n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
                return Double.parseDouble(n);
            }
        } catch (NumberFormatException tooLarge) {
            // falls through to the message below
        }
        at = start;
        throw malformed("a value");
    }

    private Object literal(String word, Object value) throws MalformedResult {
        if (!text.startsWith(word, at)) {
            throw malformed("a value");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) throws MalformedResult {
        if (!peek(c)) {
            throw malformed("'" + c + "'");
        }
        at++;
    }

    private MalformedResult malformed(String expected) {
        return new MalformedResult("the engine's JSON is malformed at offset " + at + ": expected " + expected);
    }

    /** The engine's standard output is not one JSON object: the contract counts that as a crash. */
    static final class MalformedResult extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedResult(String message) {
            super(message);
        }
    }
}
