package com.salespulse.kpi.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Conversion into the reporting currency, exact to 1/10,000 with half-even rounding. */
class CurrencyRatesTest {
    private final CurrencyRates rates = CurrencyRates.parse("USD", " EUR=1.08, GBP=1.27 ");

    @Test
    void shouldParseRatesWhenWrittenAsCodeEqualsRate() {
        // Then
        assertThat(rates.reportingCurrency()).isEqualTo("USD");
        assertThat(rates.rates()).isEqualTo(Map.of("EUR", new BigDecimal("1.08"), "GBP", new BigDecimal("1.27")));
        assertThat(CurrencyRates.parse("EUR", "").rates()).isEmpty();
    }

    @Test
    void shouldConvertAtTheRateAndRoundHalfEvenWhenTheCurrencyIsKnown() {
        // 100.00 EUR x 1.08 = 108.0000 USD → 1,080,000 ten-thousandths; cost 10.00 EUR → 10.80 USD
        assertThat(rates.convert(deal("100.00", "10.00", "EUR"))).isEqualTo(new EventAmounts(1_080_000L, 108_000L));
        // 0.00005 GBP x 1.27 = 0.0000635 → 0.0001 (above half); 0.00001 x 1.27 = 0.0000127 → 0.0000
        assertThat(rates.convert(deal("0.00005", null, "GBP")).amount()).isEqualTo(1L);
        // half-even at exactly half: 0.00005 USD at 1 → 0.0000 (the even neighbour), 0.00015 → 0.0002
        assertThat(rates.convert(deal("0.00005", null, "USD")).amount()).isZero();
        assertThat(rates.convert(deal("0.00015", null, "USD")).amount()).isEqualTo(2L);
    }

    @Test
    void shouldTakeNoCurrencyAsUsdWhenTheEventHasNone() {
        // Given reporting in EUR with a USD rate of 0.92
        final CurrencyRates euro = CurrencyRates.parse("EUR", "USD=0.92");

        // Then 50.00 without currency = 50 USD = 46.00 EUR; EUR converts at 1
        assertThat(euro.convert(deal("50.00", null, null)).amount()).isEqualTo(460_000L);
        assertThat(euro.convert(deal("50.00", null, "EUR")).amount()).isEqualTo(500_000L);
        // and with USD reporting an event without currency converts at 1
        assertThat(CurrencyRates.usdOnly().convert(deal("7.5", null, null))).isEqualTo(new EventAmounts(75_000L, null));
    }

    @Test
    void shouldRejectAsBadValueNamingTheFieldWhenTheCurrencyHasNoRate() {
        // Given a deal in CHF, which has no rate
        final SalesEvent chf = deal("123.45", null, "CHF");

        // Then
        assertThatThrownBy(() -> rates.convert(chf))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(RejectReason.BAD_VALUE);
                    assertThat(e.getMessage()).contains("currency").contains("DEAL_WON").doesNotContain("123");
                });
        // and an event without money is never rejected for its currency
        assertThat(rates.convert(event(EventType.LEAD_CREATED, null, null, "CHF"))).isEqualTo(EventAmounts.NONE);
    }

    @Test
    void shouldRejectConfigurationWhenARateIsNotPositiveOrNotCodeEqualsRate() {
        assertThatThrownBy(() -> CurrencyRates.parse("USD", "EUR=0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyRates.parse("USD", "EUR:1.08")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyRates.parse("USD", "EUR=abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyRates.parse("usd", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CurrencyRates.parse("USD", "USD=2")).isInstanceOf(IllegalArgumentException.class);
    }

    private static SalesEvent deal(final String amount, final String cost, final String currency) {
        return event(EventType.DEAL_WON, amount, cost, currency);
    }

    private static SalesEvent event(final EventType type, final String amount, final String cost, final String currency) {
        return SalesEvent.newBuilder().setEventId("E1").setType(type).setOccurredAt(Instant.EPOCH).setLeadId("L1")
                .setAmount(amount == null ? null : new BigDecimal(amount))
                .setCost(cost == null ? null : new BigDecimal(cost))
                .setCurrency(currency).build();
    }
}
