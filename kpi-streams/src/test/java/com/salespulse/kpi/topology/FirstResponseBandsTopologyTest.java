package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.FirstResponseBands;
import com.salespulse.kpi.catalog.FirstResponseBands.Band;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * First-response bands (docs/kpis.md): a lead measured for first_response_time counts once, in the band of its
 * measured time, in the same buckets; bands are bucket measures for the API, not KPIs.
 */
class FirstResponseBandsTopologyTest extends PipelineFixture {

    @Test
    void shouldCountEachMeasuredLeadInTheBandOfItsResponseTimeWhenTheirFirstTouchesArrive() {
        // Given leads created 25 h, 23 h, 3 h, 59 min, 14 min, 5 min and 4 min 59 s before T0 (09:00), oldest first;
        // L8 created a minute before T0 but arriving after its touch; L9 only e-mailed automatically
        pipeline.send(
                leadCreated("L7").by("R1").at(T0.minus(Duration.ofHours(25))),
                leadCreated("L6").by("R1").at(T0.minus(Duration.ofHours(23))),
                leadCreated("L5").by("R1").at(T0.minus(Duration.ofHours(3))),
                leadCreated("L4").by("R1").at(T0.minus(Duration.ofMinutes(59))),
                leadCreated("L3").by("R1").at(T0.minus(Duration.ofMinutes(14))),
                leadCreated("L2").by("R1").at(T0.minus(Duration.ofMinutes(5))),
                leadCreated("L1").by("R1").at(T0.minusSeconds(299)),
                leadCreated("L9").by("R1").at(T0.minus(Duration.ofMinutes(2))));

        // When R1 calls L1 to L8 and an automated e-mail goes to L9, all at T0, and L8's creation arrives last
        for (int lead = 1; lead <= 8; lead++) {
            pipeline.send(contacted("L" + lead).by("R1").at(T0));
        }
        pipeline.send(contacted("L9").automated().by("R1").at(T0), leadCreated("L8").by("R1").at(T0.minusSeconds(60)));
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then in the 09:00 hour of the org, and of R1: 4m59s → < 5 min; 5m and 14m → 5-15 min; 59m → 15-60 min;
        // 3h → 1-4 h; 23h → 4-24 h; 25h → ≥ 1 day. L8 was touched before its creation arrived and L9 never by a
        // human, so neither is measured nor banded
        final Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("< 5 min", 1L);
        expected.put("5-15 min", 2L);
        expected.put("15-60 min", 1L);
        expected.put("1-4 h", 1L);
        expected.put("4-24 h", 1L);
        expected.put("≥ 1 day", 1L);
        for (final BucketKey bucket : Set.of(new BucketKey(Dimension.ORG, "all", "PT1H", T0.toEpochMilli()),
                new BucketKey(Dimension.REP, "R1", "PT1H", T0.toEpochMilli()),
                new BucketKey(Dimension.TEAM, "T1", "PT1H", T0.toEpochMilli()))) {
            final Measures totals = pipeline.bucketTotals(bucket);
            assertThat(bands(totals)).as(bucket.encode()).containsExactlyEntriesOf(expected);
            // and the bands sum to the measured leads, 7 of the 8 followed up
            assertThat(FirstResponseBands.all().stream().mapToLong(band -> totals.get(band.measure())).sum())
                    .isEqualTo(totals.get(Measure.FIRST_RESPONSE_LEADS)).isEqualTo(7L);
            assertThat(totals.get(Measure.FOLLOWED_UP_LEADS)).isEqualTo(8L);
        }
        // which is the published first_response_time's denominator
        assertThat(latest.get(KpiKey.hourly("first_response_time", "org", "all", T0)).getDenominator()).isEqualTo(7.0);
    }

    private static Map<String, Long> bands(final Measures totals) {
        return FirstResponseBands.all().stream().collect(Collectors.toMap(Band::label, band -> totals.get(band.measure()),
                (a, b) -> a, LinkedHashMap::new));
    }
}
