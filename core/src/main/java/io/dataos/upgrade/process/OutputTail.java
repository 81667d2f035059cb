package io.dataos.upgrade.process;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last lines of a command's output, bounded in lines and characters, kept for reports and
 * error messages while the full output streams to the log.
 */
public final class OutputTail {

    private final int maxLines;
    private final int maxChars;
    private final Deque<String> lines = new ArrayDeque<>();
    private int chars;
    private boolean truncated;

    public OutputTail(int maxLines, int maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    public synchronized void add(String line) {
        String kept = line.length() > maxChars ? line.substring(line.length() - maxChars) : line;
        lines.addLast(kept);
        chars += kept.length();
        while (lines.size() > maxLines || chars > maxChars) {
            chars -= lines.removeFirst().length();
            truncated = true;
        }
    }

    @Override
    public synchronized String toString() {
        String body = String.join("\n", lines);
        return truncated ? "[…earlier output omitted…]\n" + body : body;
    }
}
