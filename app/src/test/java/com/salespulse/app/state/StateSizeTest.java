package com.salespulse.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.bucket.Bucket;
import com.salespulse.kpi.bucket.BucketSerde;
import com.salespulse.kpi.bucket.InternalAvroSerde;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.journey.JourneyUpdate;
import com.salespulse.kpi.journey.LeadJourney;
import com.salespulse.kpi.window.Windows;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * How big the state stores get: the journeys of generated leads and the buckets they fill, as the
 * pipeline serializes them, scaled to a million leads. Prints the figures docs/operations.md quotes
 * and guards the per-lead size, which grows with every field added to LeadJourney.
 */
class StateSizeTest {
    private static final int LEADS = 20_000;
    private static final int MILLION = 1_000_000;

    @Test
    void shouldKeepAJourneyUnderHalfAKilobyteWhenLeadsGoThroughTheWholeFunnel() {
        // Given generated traffic of 20,000 leads, run through the journey logic the pipeline runs
        final CrmGenerator generator = new CrmGenerator(GeneratorConfig.of(5, LEADS));
        final Map<String, String> teams = generator.roster().stream()
                .collect(Collectors.toMap(Rep::getRepId, Rep::getTeamId));
        final JourneyUpdate update = new JourneyUpdate(Windows.all(ZoneOffset.UTC), teams::get);
        final Map<String, LeadJourney> journeys = new HashMap<>();
        final Map<BucketKey, Measures> buckets = new HashMap<>();
        final List<SalesEvent> events = generator.generate();
        for (final SalesEvent event : events) {
            final LeadJourney before = event.getLeadId() == null ? null : journeys.get(event.getLeadId());
            final JourneyUpdate.Result result = update.apply(before, event);
            if (event.getLeadId() != null) {
                journeys.put(event.getLeadId(), result.after());
            }
            result.deltas().forEach((bucket, delta) -> buckets.merge(bucket, delta, Measures::plus));
        }

        // When serialized as the stores hold them
        final long journeyBytes = bytes(journeys.values(), new InternalAvroSerde<>(LeadJourney.class).serializer()::serialize);
        final BucketSerde bucketSerde = new BucketSerde();
        final long bucketBytes = buckets.entrySet().stream()
                .mapToLong(entry -> entry.getKey().encode().length() + bucketSerde.serializer().serialize("s",
                        Bucket.of(entry.getValue())).length)
                .sum();

        // Then (printed for docs/operations.md) a journey stays small
        final double perLead = (journeyBytes + journeys.keySet().stream().mapToLong(String::length).sum())
                / (double) journeys.size();
        System.out.printf("%,d events, %,d leads: lead-journey-store %.0f bytes per lead -> %.0f MB for a million leads;"
                        + " bucket-store %,d buckets, %.1f MB (grows with time, dimensions and windows, not leads)%n",
                events.size(), journeys.size(), perLead, perLead * MILLION / 1e6, buckets.size(), bucketBytes / 1e6);
        assertThat(perLead).isLessThan(512);
    }

    private static <T> long bytes(final Collection<T> values, final SerializeFunction<T> serializer) {
        return values.stream().mapToLong(value -> serializer.serialize("s", value).length).sum();
    }

    @FunctionalInterface
    private interface SerializeFunction<T> {
        byte[] serialize(String topic, T value);
    }
}
