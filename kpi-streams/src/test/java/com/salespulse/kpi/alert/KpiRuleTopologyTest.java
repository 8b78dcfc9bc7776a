package com.salespulse.kpi.alert;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.contacted;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static com.salespulse.kpi.support.Events.replied;
import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.salespulse.events.Sentiment;
import com.salespulse.kpi.sla.AlertDriver;
import com.salespulse.kpi.sla.AlertDriver.Raised;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KPI threshold rules on the KPI changes of the production topology. Values follow docs/kpis.md:
 * first_response_time is the mean of (first human touch − creation) over the leads measured;
 * response_rate is replied leads over leads with a human touch, per cohort.
 */
class KpiRuleTopologyTest {
    private static final String FRT_KEY = "first_response_time|org|all|PT1H|2026-11-02T09:00:00Z";
    private static final String RESPONSE_KEY = "response_rate|team|T1|P1D|2026-11-02T00:00:00Z";

    @Test
    void shouldCrossAndRecoverWithHysteresisWhenTheHourlyFirstResponseTimeMoves() {
        // Given a rule: org first_response_time per hour above 600 s, from 2 leads, recovered at 540 s
        final AlertSettings settings = AlertSettings.parse("""
                sla: {policies: []}
                kpiRules:
                  - {name: slow, kpi: first_response_time, dimension: org, window: PT1H, above: 600,
                     minDenominator: 2, hysteresis: 60}
                """, ZoneId.of("UTC"), "test");
        try (AlertDriver pipeline = new AlertDriver(settings, minutes(30)).rep("R1", "T1", "EMEA")) {
            // When L1 waits 300 s: 300 / 1, too few leads to judge
            pipeline.send(leadCreated("L1").by("R1").at(T0), contacted("L1").by("R1").at(minutes(5)));
            final List<Raised> first = flush(pipeline);
            // and L2 waits 1,200 s: (300 + 1200) / 2 = 750 > 600
            pipeline.send(leadCreated("L2").by("R1").at(minutes(1)), contacted("L2").by("R1").at(minutes(21)));
            final List<Raised> second = flush(pipeline);
            // and L3 waits 120 s: 1620 / 3 = 540, back at 600 - 60
            pipeline.send(leadCreated("L3").by("R1").at(minutes(2)), contacted("L3").by("R1").at(minutes(4)));
            final List<Raised> third = flush(pipeline);
            // and L4 waits 60 s: 1680 / 4 = 420, still fine
            pipeline.send(leadCreated("L4").by("R1").at(minutes(3)), contacted("L4").by("R1").at(minutes(4)));
            final List<Raised> fourth = flush(pipeline);

            // Then one crossing at 750 and one recovery at 540, keyed by rule and KPI key
            assertThat(first).isEmpty();
            assertThat(second).hasSize(1);
            final Alert crossed = second.get(0).alert();
            assertThat(second.get(0).key()).isEqualTo("slow|" + FRT_KEY);
            assertThat(crossed.getKind()).isEqualTo(AlertKind.KPI_THRESHOLD_CROSSED);
            assertThat(crossed.getRuleKey()).isEqualTo("slow|" + FRT_KEY);
            assertThat(crossed.getAlertId()).isEqualTo("kpi|slow|" + FRT_KEY + "|KPI_THRESHOLD_CROSSED|2");
            assertThat(crossed.getKpi()).isEqualTo("first_response_time");
            assertThat(crossed.getValue()).isEqualTo(750.0);
            assertThat(crossed.getThreshold()).isEqualTo(600.0);
            assertThat(crossed.getLeadId()).isNull();
            assertThat(crossed.getMessage()).isEqualTo("first_response_time for org all in the PT1H window from "
                    + "2026-11-02T09:00:00Z is 750 (1500 / 2), above 600 (rule slow).");
            assertThat(third).hasSize(1);
            final Alert recovered = third.get(0).alert();
            assertThat(recovered.getKind()).isEqualTo(AlertKind.KPI_THRESHOLD_RECOVERED);
            assertThat(recovered.getValue()).isEqualTo(540.0);
            assertThat(recovered.getAlertId()).isEqualTo("kpi|slow|" + FRT_KEY + "|KPI_THRESHOLD_RECOVERED|3");
            assertThat(recovered.getMessage()).endsWith("is 540 (1620 / 3), back at or below 540 (rule slow).");
            assertThat(fourth).isEmpty();
        }
    }

    @Test
    void shouldAlertATeamBelowTheOutreachBenchmarkWhenItHasEnoughLeadsAndRecoverPastTheHysteresis() {
        // Given the default rules: response_rate per team and day below 0.3, from 20 leads, recovered at 0.35
        try (AlertDriver pipeline = new AlertDriver(AlertSettings.defaults(), minutes(30)).rep("R1", "T1", "EMEA")) {
            // When 19 leads of team T1 are called and none replies: 0 / 19, too few to judge
            for (int lead = 1; lead <= 19; lead++) {
                pipeline.send(leadCreated("L" + lead).by("R1").at(T0), contacted("L" + lead).by("R1").at(minutes(1)));
            }
            final List<Raised> nineteen = thresholdAlerts(flush(pipeline));
            // and a 20th: 0 / 20 < 0.3
            pipeline.send(leadCreated("L20").by("R1").at(T0), contacted("L20").by("R1").at(minutes(1)));
            final List<Raised> twenty = thresholdAlerts(flush(pipeline));
            // and 6 of them reply: 6 / 20 = 0.3, no longer below but not back past the hysteresis
            for (int lead = 1; lead <= 6; lead++) {
                pipeline.send(replied("L" + lead, Sentiment.NEUTRAL).at(minutes(10)));
            }
            final List<Raised> six = thresholdAlerts(flush(pipeline));
            // and a 7th: 7 / 20 = 0.35
            pipeline.send(replied("L7", Sentiment.POSITIVE).at(minutes(11)));
            final List<Raised> seven = thresholdAlerts(flush(pipeline));

            // Then
            assertThat(nineteen).isEmpty();
            assertThat(twenty).extracting(Raised::key).containsExactly("outreach-response-rate|" + RESPONSE_KEY);
            assertThat(twenty.get(0).alert().getKind()).isEqualTo(AlertKind.KPI_THRESHOLD_CROSSED);
            assertThat(twenty.get(0).alert().getTeamId()).isEqualTo("T1");
            assertThat(twenty.get(0).alert().getValue()).isEqualTo(0.0);
            assertThat(twenty.get(0).alert().getThreshold()).isEqualTo(0.3);
            assertThat(six).isEmpty();
            assertThat(seven).extracting(r -> r.alert().getKind()).containsExactly(AlertKind.KPI_THRESHOLD_RECOVERED);
            assertThat(seven.get(0).alert().getValue()).isEqualTo(0.35);
        }
    }

    /** Lets the bucket changes through: a few flush intervals of wall clock. */
    private static List<Raised> flush(final AlertDriver pipeline) {
        return pipeline.stepUntil(pipeline.wallClock().plus(Duration.ofMillis(300)));
    }

    private static List<Raised> thresholdAlerts(final List<Raised> raised) {
        return raised.stream().filter(r -> r.alert().getRuleKey() != null).toList();
    }
}
