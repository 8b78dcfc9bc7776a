package com.salespulse.kpi.journey;

import static com.salespulse.kpi.support.Events.T0;
import static com.salespulse.kpi.support.Events.campaignSpend;
import static com.salespulse.kpi.support.Events.dealWon;
import static com.salespulse.kpi.support.Events.leadCreated;
import static com.salespulse.kpi.support.Events.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Measure;
import com.salespulse.kpi.catalog.Measures;
import com.salespulse.kpi.money.CurrencyRates;
import com.salespulse.kpi.window.FixedWindow;
import com.salespulse.kpi.window.Windows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one event changes in which buckets (plain unit tests of JourneyUpdate). */
class JourneyUpdateTest {
    private static final Windows WINDOWS = new Windows(List.of(FixedWindow.HOUR, FixedWindow.DAY));
    private static final long DAY = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    private static final long HOUR = T0.toEpochMilli();

    private final JourneyUpdate update = new JourneyUpdate(WINDOWS, repId -> "T-" + repId,
            CurrencyRates.parse("USD", "EUR=1.08"));

    @Test
    void shouldAddSpendToTheOrganisationAndItsChannelOnlyWhenSpendHasNoLead() {
        // When 300.00 is spent on paid at 09:10
        final JourneyUpdate.Result result = update.apply(null, campaignSpend("paid", "300.00").at(minutes(10)).build());

        // Then no journey, and 3,000,000 ten-thousandths in org/all and channel/paid, hour and day
        final Measures spend = new Measures().add(Measure.CAMPAIGN_SPEND, 3_000_000L);
        assertThat(result.after()).isNull();
        assertThat(result.deltas()).isEqualTo(Map.of(
                new BucketKey(Dimension.ORG, "all", "PT1H", HOUR), spend,
                new BucketKey(Dimension.CHANNEL, "paid", "PT1H", HOUR), spend,
                new BucketKey(Dimension.ORG, "all", "P1D", DAY), spend,
                new BucketKey(Dimension.CHANNEL, "paid", "P1D", DAY), spend));
    }

    @Test
    void shouldLeaveTheLeadAsItWasWhenSpendCarriesALeadId() {
        // Given a created lead, and spend that names it
        final LeadJourney lead = update.apply(null, leadCreated("L1").by("R1").at(T0).build()).after();
        final SalesEvent spend = campaignSpend("paid", "1").at(minutes(5)).build();
        spend.setLeadId("L1");

        // When
        final JourneyUpdate.Result result = update.apply(lead, spend);

        // Then the journey is unchanged and only org and channel buckets move
        assertThat(result.after()).isSameAs(lead);
        assertThat(result.deltas().keySet()).extracting(BucketKey::dimension)
                .containsOnly(Dimension.ORG, Dimension.CHANNEL);
    }

    @Test
    void shouldCountMoneyInTheReportingCurrencyWhenTheDealIsInAnotherOne() {
        // Given L1 created by R1
        final LeadJourney lead = update.apply(null, leadCreated("L1").by("R1").at(T0).build()).after();

        // When R1 wins 100.00 EUR at a cost of 50.00 EUR (rate 1.08)
        final JourneyUpdate.Result result = update.apply(lead,
                dealWon("L1", "O1").by("R1").amount("100.00").cost("50.00").currency("EUR").at(minutes(5)).build());

        // Then revenue 108.00 USD and cost 54.00 USD, in R1's and team T-R1's hour
        final Measures rep = result.deltas().get(new BucketKey(Dimension.REP, "R1", "PT1H", HOUR));
        assertThat(rep.get(Measure.REVENUE_WON)).isEqualTo(1_080_000L);
        assertThat(rep.get(Measure.COSTED_REVENUE)).isEqualTo(1_080_000L);
        assertThat(rep.get(Measure.COSTED_COST)).isEqualTo(540_000L);
        assertThat(result.deltas().get(new BucketKey(Dimension.TEAM, "T-R1", "PT1H", HOUR)).get(Measure.DEALS_WON))
                .isEqualTo(1L);
    }

    @Test
    void shouldRejectTheEventBeforeItChangesTheLeadWhenItsCurrencyHasNoRate() {
        // Given
        final LeadJourney lead = update.apply(null, leadCreated("L1").by("R1").at(T0).build()).after();

        // Then a deal in JPY is a bad value, and the lead keeps no trace of it
        assertThatThrownBy(() -> update.apply(lead,
                dealWon("L1", "O1").by("R1").amount("5").currency("JPY").at(minutes(5)).build()))
                .isInstanceOfSatisfying(InvalidRecordException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE));
        assertThat(lead.getDealWon()).isFalse();
    }

    @Test
    void shouldRejectEveryCurrencyButUsdWhenBuiltWithoutRates() {
        // Given the two-argument constructor
        final JourneyUpdate usdOnly = new JourneyUpdate(WINDOWS, repId -> null);

        // Then
        assertThatThrownBy(() -> usdOnly.apply(null,
                dealWon("L1", "O1").by("R1").amount("5").currency("EUR").at(minutes(5)).build()))
                .isInstanceOf(InvalidRecordException.class);
        assertThat(usdOnly.apply(null, dealWon("L1", "O1").by("R1").amount("5").at(minutes(5)).build()).deltas())
                .isNotEmpty();
    }
}
