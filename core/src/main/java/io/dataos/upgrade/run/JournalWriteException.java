package io.dataos.upgrade.run;

/**
 * The journal could not be written. The run stops scheduling at once: without a journal a
 * resumed run could not tell what already happened.
 */
public final class JournalWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalWriteException(String journal, Exception cause) {
        super("cannot write the run journal " + journal + " (" + cause.getMessage() + "): the run stopped;"
                + " fix the disk or permissions, then re-run with the same run id to resume", cause);
    }
}
