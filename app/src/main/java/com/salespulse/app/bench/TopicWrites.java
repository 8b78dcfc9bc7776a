package com.salespulse.app.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Records a pipeline wrote to each topic it writes, read from the topics' end offsets: where its
 * output goes, changelogs and repartition topic included. Under exactly-once an end offset also
 * counts the transaction markers (one per partition and commit) and aborted records, so each figure
 * is an upper bound of the records written.
 *
 * @param records end offsets summed over the partitions, by topic name (the pipeline's own topics
 *                without the application id prefix)
 */
record TopicWrites(Map<String, Long> records) {

    TopicWrites {
        records = Map.copyOf(records);
    }

    /**
     * E.g. {@code writes per input event (end offsets, incl. transaction markers: an upper bound):
     * sales.kpi-changes 1.82, bucket-deltas-repartition 0.90}, the largest first.
     */
    String describe(final long events) {
        return records.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(topic -> String.format(Locale.ROOT, "%s %.2f", topic.getKey(),
                        events == 0 ? 0 : (double) topic.getValue() / events))
                .collect(Collectors.joining(", ",
                        "writes per input event (end offsets, incl. transaction markers: an upper bound): ", ""));
    }
}
