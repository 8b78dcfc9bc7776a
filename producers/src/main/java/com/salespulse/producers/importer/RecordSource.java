package com.salespulse.producers.importer;

import java.io.IOException;

/** The records of an import file, one at a time, each with the line it starts on. */
interface RecordSource {
    /** The next record, or null at the end of the input. */
    LineReader.Line next() throws IOException;

    /** Bytes consumed so far, for progress. */
    long bytesRead();
}
