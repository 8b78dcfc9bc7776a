package com.salespulse.kpi.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.kpi.sla.SlaState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenClockTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static SlaState.Builder alerted() {
        return SlaState.newBuilder().setCreatedAt(T0).setPolicy("inbound").setTargetMillis(900_000L)
                .setDeadline(T0.plusSeconds(900)).setCheckpoints(List.of()).setHandled(1).setOwnerRepId("R1")
                .setRegion("EMEA").setDueAt(T0.plusSeconds(900));
    }

    @Test
    void shouldBeAtRiskWhenAnAlertWasRaisedBeforeTheBreach() {
        final OpenClock clock = OpenClock.of("L1", alerted().build()).orElseThrow();

        assertThat(clock).isEqualTo(new OpenClock("L1", OpenClock.AT_RISK, "inbound", "R1", "EMEA", T0,
                T0.plusSeconds(900)));
    }

    @Test
    void shouldTakeTheFurthestAlertWhenBreachedOrEscalated() {
        assertThat(OpenClock.of("L1", alerted().setBreached(true).build()).orElseThrow().status())
                .isEqualTo(OpenClock.BREACHED);
        assertThat(OpenClock.of("L1", alerted().setBreached(true).setEscalated(true).build()).orElseThrow().status())
                .isEqualTo(OpenClock.ESCALATED);
    }

    @Test
    void shouldNotBeOpenWhenTouchedUnalertedOrWithoutPolicy() {
        assertThat(OpenClock.of("L1", alerted().setFirstHumanTouchAt(T0.plusSeconds(60)).build())).isEmpty();
        assertThat(OpenClock.of("L1", alerted().setHandled(0).build())).isEmpty();
        assertThat(OpenClock.of("L1", alerted().setPolicy(null).build())).isEmpty();
        assertThat(OpenClock.of("L1", alerted().setCreatedAt(null).build())).isEmpty();
    }
}
