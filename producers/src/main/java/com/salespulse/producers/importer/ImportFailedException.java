package com.salespulse.producers.importer;

/**
 * Records of an import were not acknowledged by the broker (after the producer's own retries), so
 * the target topic may lack some lines. Bad lines never cause this; they go to the dead-letter
 * topic. The summary counts what was acknowledged.
 */
public class ImportFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ImportSummary summary;

    public ImportFailedException(final String message, final ImportSummary summary, final Throwable cause) {
        super(message, cause);
        this.summary = summary;
    }

    /** What was acknowledged before the import was given up. */
    public ImportSummary summary() {
        return summary;
    }
}
