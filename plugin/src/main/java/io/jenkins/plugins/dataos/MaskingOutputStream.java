package io.jenkins.plugins.dataos;

import io.dataos.upgrade.secret.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bytes in, masked text out: buffers output up to each line end, replaces every secret value, and hands the
 * line (with its line end) on. A line longer than {@link #MAX_LINE} is passed on in pieces, holding back any
 * tail that could be the start of a secret so that no secret is ever split across two pieces unmasked.
 */
final class MaskingOutputStream extends OutputStream {

    static final int MAX_LINE = 64 * 1024;

    private final SecretMasker masker;
    private final List<Secret> extra;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean closed;

    MaskingOutputStream(SecretMasker masker, Collection<Secret> extra, Consumer<String> sink) {
        this.masker = masker;
        this.extra = List.copyOf(extra);
        this.sink = sink;
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emitLine();
        } else if (line.size() >= MAX_LINE) {
            emitPiece();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (line.size() > 0) {
                emitLine();
            }
        }
    }

    private void emitLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        sink.accept(masker.mask(text, extra));
    }

    private void emitPiece() {
        String masked = masker.mask(line.toString(StandardCharsets.UTF_8), extra);
        int keep = heldBack(masked);
        line.reset();
        sink.accept(masked.substring(0, masked.length() - keep));
        line.writeBytes(masked.substring(masked.length() - keep).getBytes(StandardCharsets.UTF_8));
    }

    /** How many trailing characters could begin a secret that continues in the next write. */
    private int heldBack(String text) {
        int keep = 0;
        for (Secret s : allSecrets()) {
            String value = s.reveal();
            for (int k = Math.min(value.length() - 1, text.length()); k > keep; k--) {
                if (text.endsWith(value.substring(0, k))) {
                    keep = k;
                    break;
                }
            }
        }
        return keep;
    }

    private List<Secret> allSecrets() {
        List<Secret> all = new java.util.ArrayList<>(masker.secrets());
        all.addAll(extra);
        return all;
    }
}
