package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExportTimestampsTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldReadAnIsoInstantWhenTheTextHasZOrAnOffset() {
        assertThat(ExportTimestamps.parse("2026-11-02T09:00:00Z", ZoneOffset.UTC)).isEqualTo(T0);
        assertThat(ExportTimestamps.parse("2026-11-02T10:00:00+01:00", ZoneOffset.UTC)).isEqualTo(T0);
    }

    @Test
    void shouldReadALocalDateTimeInTheZoneWhenTheTextHasNoOffset() {
        assertThat(ExportTimestamps.parse("2026-11-02 09:00", ZoneOffset.UTC)).isEqualTo(T0);
        assertThat(ExportTimestamps.parse("2026-11-02 09:00:00", ZoneOffset.UTC)).isEqualTo(T0);
        assertThat(ExportTimestamps.parse("2026-11-02T09:00", ZoneOffset.UTC)).isEqualTo(T0);
        // Paris is UTC+1 on 2 November (summer time ended on 25 October).
        assertThat(ExportTimestamps.parse("2026-11-02 10:00", ZoneId.of("Europe/Paris"))).isEqualTo(T0);
    }

    @Test
    void shouldReadSalesforceUsFormWhenTheTextIsMonthFirst() {
        assertThat(ExportTimestamps.parse("11/2/2026 9:00 AM", ZoneOffset.UTC)).isEqualTo(T0);
        assertThat(ExportTimestamps.parse("11/2/2026 9:00 pm", ZoneOffset.UTC)).isEqualTo(T0.plusSeconds(12 * 3600));
        assertThat(ExportTimestamps.parse("11/02/2026 09:00", ZoneOffset.UTC)).isEqualTo(T0);
        assertThat(ExportTimestamps.parse("11/2/2026", ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void shouldReadTheStartOfTheDayWhenTheTextIsADate() {
        assertThat(ExportTimestamps.parse("2026-11-02", ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-02T00:00:00Z"));
    }

    @Test
    void shouldReadEpochMillisWhenTheTextIsHubSpotsNumber() {
        assertThat(ExportTimestamps.parse(Long.toString(T0.toEpochMilli()), ZoneOffset.UTC)).isEqualTo(T0);
    }

    @Test
    void shouldReturnNullWhenTheTextIsNoKnownForm() {
        assertThat(ExportTimestamps.parse("yesterday", ZoneOffset.UTC)).isNull();
        assertThat(ExportTimestamps.parse("2026-13-02 09:00", ZoneOffset.UTC)).isNull();
        assertThat(ExportTimestamps.parse("42", ZoneOffset.UTC)).isNull();
    }
}
