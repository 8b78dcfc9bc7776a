package com.salespulse.kpi.bucket;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Watermark records between the journey and bucket stages. Every journey task tells every bucket
 * task how far its event time has come (less the grace period): no event older than that will be
 * counted from its partition any more. A bucket task closes a window once every source partition
 * has passed its end, so a closed window can no longer change, however unevenly the partitions
 * progress.
 */
public final class Watermarks {
    private static final String PREFIX = "~watermark|";

    private Watermarks() {
    }

    public static String key(final int sourcePartition) {
        return PREFIX + sourcePartition;
    }

    public static boolean isWatermark(final String key) {
        return key.startsWith(PREFIX);
    }

    public static int sourcePartition(final String key) {
        return Integer.parseInt(key.substring(PREFIX.length()));
    }

    /** Sends watermark records to every partition of the repartition topic, bucket changes by their key. */
    public static StreamPartitioner<String, MeasureDelta> partitioner() {
        return (topic, key, value, partitions) -> isWatermark(key)
                ? Optional.of(IntStream.range(0, partitions).boxed().collect(Collectors.toUnmodifiableSet()))
                : Optional.<Set<Integer>>empty();
    }
}
