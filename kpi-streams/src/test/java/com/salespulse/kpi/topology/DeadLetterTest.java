package com.salespulse.kpi.topology;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.topic.DeadLetter;
import com.salespulse.kpi.errors.DeadLetterHandler;
import com.salespulse.kpi.support.KpiKey;
import com.salespulse.kpi.support.PipelineDriver;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input goes to sales.dlq with its reason and a metric, and the pipeline goes on. */
class DeadLetterTest {
    private PipelineDriver pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new PipelineDriver().rep("R1", "T1");
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }

    @Test
    void shouldCountBytesThatAreNotAvroAndGoOnWhenGarbageArrives() {
        // Given garbage bytes between two good events
        final byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.sendRaw("L1", garbage);
        pipeline.send(contacted("L1").by("R1").at(minutes(10)));

        // Then it is counted as malformed Avro. (TopologyTestDriver does not forward the dead-letter records of the
        // deserialization handler; DeadLetterHandlerTest pins those records and the replay integration test sees them
        // on a real broker.)
        assertThat(pipeline.meters().get(DeadLetterHandler.DEAD_LETTERS_METER).tag("reason", "malformed_avro")
                .counter().count()).isEqualTo(1.0);
        // and the good events after it still count: 600 s
        assertThat(pipeline.latest(Map.of()).get(KpiKey.hourly("first_response_time", "org", "all", T0))
                .getValue()).isEqualTo(600.0);
    }

    @Test
    void shouldDeadLetterAnEventMissingARequiredFieldWhenItIsValidAvro() {
        // Given a human touch without the rep the contract requires
        final SalesEvent noRep = contacted("L1").at(minutes(10)).build();
        pipeline.send(leadCreated("L1").by("R1").at(T0));
        pipeline.sendKeyed("L1", noRep);

        // When
        final List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();

        // Then it is dead-lettered as missing_field with a detail naming the field, not the payload
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.REASON)).isEqualTo("missing_field");
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.DETAIL)).contains("repId");
        // and it measured nothing
        assertThat(pipeline.latest(Map.of()).keySet()).noneMatch(key -> key.startsWith("first_response_time"));
    }

    @Test
    void shouldDeadLetterAnEventWhenItsKeyIsNotItsLead() {
        // Given an event about L1 keyed by L2
        pipeline.sendKeyed("L2", leadCreated("L1").by("R1").at(T0).build());

        // When
        final List<TestRecord<byte[], byte[]>> dead = pipeline.deadLetters();

        // Then
        assertThat(dead).hasSize(1);
        assertThat(DeadLetter.header(dead.get(0).headers(), DeadLetter.REASON)).isEqualTo("key_mismatch");
        assertThat(pipeline.flush()).isEmpty();
    }

    @Test
    void shouldCountCampaignSpendWhenItIsKeyedByItsChannelAndCarriesALeadId() {
        // Given a campaign spend keyed by its channel, as the importer keys it, that also names a lead
        final SalesEvent spend = SalesEvent.newBuilder().setEventId("S1").setType(EventType.CAMPAIGN_SPEND)
                .setOccurredAt(T0).setLeadId("L1").setChannel("paid").setAmount(new BigDecimal("100.0000")).build();

        // When
        pipeline.sendKeyed("paid", spend);

        // Then it is not dead-lettered as a key mismatch: spend carries no lead state
        assertThat(pipeline.deadLetters()).isEmpty();
    }
}
