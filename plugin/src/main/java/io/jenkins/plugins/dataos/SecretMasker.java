package io.jenkins.plugins.dataos;

import io.dataos.upgrade.secret.Secret;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secrets one step execution has resolved, and the masking of every byte of output that goes to the
 * build log. Secrets are added as they are resolved; streams created earlier mask them from then on.
 * Never serialized: it lives only while the step's {@code run()} does.
 */
public final class SecretMasker {

    static final String MASK = "****";
    private final List<Secret> secrets = new CopyOnWriteArrayList<>();

    public void add(Secret secret) {
        secrets.add(secret);
    }

    public List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    /** {@code text} with every known secret value replaced by {@value #MASK}. */
    public String mask(String text) {
        return Secret.mask(text, secrets);
    }

    /** {@code text} masked for these secrets and {@code extra} ones (e.g. a command's own). */
    public String mask(String text, Collection<Secret> extra) {
        List<Secret> all = new ArrayList<>(secrets);
        all.addAll(extra);
        return Secret.mask(text, all);
    }

    /** True when {@code text} contains a secret value, known here or in {@code extra}. */
    public boolean reveals(String text, Collection<Secret> extra) {
        return !mask(text, extra).equals(text);
    }

    /** A print stream writing through to {@code log} with every secret masked, line by line. */
    public PrintStream printStream(OutputStream log) {
        return new PrintStream(new MaskingOutputStream(this, List.of(), line -> write(log, line)), true,
                StandardCharsets.UTF_8);
    }

    private static void write(OutputStream log, String line) {
        try {
            log.write(line.getBytes(StandardCharsets.UTF_8));
            log.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
