package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.dealWon;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.KpiAssert.assertTotal;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineFixture;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Money is counted in the reporting currency; an amount in a currency without a rate is a bad record. */
class CurrencyTest extends PipelineFixture {

    @Test
    void shouldDeadLetterAsBadValueWhenTheCurrencyHasNoRate() {
        // Given a pipeline reporting in USD with no other rate, a deal won in USD (no currency: USD) and one in CHF
        pipeline.send(
                leadCreated("L1").by("R1").at(T0),
                dealWon("L1", "O1").by("R1").amount("250.00").at(minutes(10)),
                dealWon("L1", "O2").by("R1").amount("999.00").currency("CHF").at(minutes(20)));

        // When
        final List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();
        final Map<String, KpiChange> latest = pipeline.latest(Map.of());

        // Then the CHF deal is dead-lettered as bad_value, naming the currency field and not the amount
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.REASON)).isEqualTo("bad_value");
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.DETAIL)).contains("currency").doesNotContain("999");
        // and counted nothing: revenue 250, one deal
        assertTotal(latest, KpiKey.hourly("revenue_won", "org", "all", T0), 250);
        assertTotal(latest, KpiKey.hourly("deals_won", "org", "all", T0), 1);
    }
}
