package com.salespulse.kpi.webform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The channel table of docs/ingestion.md. */
class UtmChannelTest {

    @ParameterizedTest(name = "source {0}, medium {1} → {2}")
    @CsvSource(nullValues = "NULL", value = {
        "google, cpc, paid",
        "google, PPC, paid",
        "linkedin, Paid-Social, paid",
        "linkedin, paid_social, paid",
        "partner-site, display, paid",
        "partner-site, referral, referral",
        "partner-site, affiliate, referral",
        "newsletter, email, outbound",
        "newsletter, E-Mail, outbound",
        "expo, event, event",
        "zoom, webinar, event",
        "google, organic, organic",
        "twitter, social, organic",
        "NULL, (none), organic",
        "NULL, NULL, organic",
        "'', '  ', organic",
        "google, NULL, organic",
        "www.Bing.com, NULL, organic",
        "linkedin, NULL, unknown",
        "google, carrier-pigeon, unknown"})
    void shouldMapUtmParametersToAChannelWhenAFormIsSubmitted(final String source, final String medium,
                                                             final String channel) {
        // When / Then
        assertThat(UtmChannel.of(source, medium)).isEqualTo(channel);
    }
}
