package com.salespulse.app.cli;

import com.salespulse.producers.importer.ImportProgress;

/**
 * A progress bar on standard error, rewritten in place; silent when off (stderr is not a terminal
 * and --progress was not given), so that logs of scripted imports hold no carriage returns. The
 * importer calls it about twice a second.
 */
final class Progress {
    private final boolean on;
    private final int width;
    private boolean printed;

    Progress(final boolean on, final int width) {
        this.on = on;
        this.width = width;
    }

    void print(final ImportProgress progress) {
        if (on) {
            System.err.print("\r  " + progress.source() + " " + progress.bar(width) + "   ");
            System.err.flush();
            printed = true;
        }
    }

    void done() {
        if (printed) {
            System.err.println();
            printed = false;
        }
    }
}
