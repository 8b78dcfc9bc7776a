package com.salespulse.events;

import java.math.BigDecimal;
import java.time.Instant;

/** Events for tests, built from a shared {@link #T0}, with every value a test might look for spelled out. */
public final class TestEvents {
    /** The instant every test's time is measured from. */
    public static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    private TestEvents() {
    }

    /** A DEAL_WON with every one of the twenty fields set, so that no field's encoding goes untested. */
    public static SalesEvent fullyPopulated() {
        return SalesEvent.newBuilder()
                .setEventId("E-1")
                .setType(EventType.DEAL_WON)
                .setOccurredAt(T0.plusMillis(123))
                .setLeadId("L-42")
                .setRepId("R7")
                .setSource(EventSource.CRM)
                .setChannel("referral")
                .setRegion("EMEA")
                .setCampaignId("C-9")
                .setActivity(Activity.DEMO)
                .setAutomated(true)
                .setSentiment(Sentiment.POSITIVE)
                .setStage(Stage.CUSTOMER)
                .setOpportunityId("O-3")
                .setAmount(new BigDecimal("1200.5000"))
                .setCurrency("EUR")
                .setCost(new BigDecimal("300.2500"))
                .setDealType(DealType.UPSELL)
                .setReason("Grüße, \"quoted\"")
                .setScore(9)
                .build();
    }
}
