package com.salespulse.app.cli;

import com.salespulse.producers.importer.ImportProgress;

/** One progress line on standard error, rewritten in place. */
final class Progress {

    private Progress() {
    }

    static void print(final ImportProgress progress) {
        System.err.print("\r  " + progress.describe() + "   ");
        System.err.flush();
    }

    static void done() {
        System.err.println();
    }
}
