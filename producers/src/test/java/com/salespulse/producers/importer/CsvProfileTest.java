package com.salespulse.producers.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.EventSource;
import com.salespulse.events.EventType;
import com.salespulse.events.SalesEvent;
import com.salespulse.events.Stage;
import com.salespulse.events.json.SalesEventJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvProfileTest {
    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldMapAHubSpotContactToALeadCreatedWhenTheRowHasNoTypeColumn() {
        final Map<String, String> row = row(
                "Record ID", "1001", "First Name", "Ada", "Email", "ada@example.com",
                "Create Date", "2026-11-02 09:00", "Contact owner", "Rita Rep", "HubSpot Owner ID", "R7",
                "Original Source", "Paid Search", "Country/Region", "Germany", "Region", "EMEA",
                "Lifecycle Stage", "marketingqualifiedlead");

        final SalesEvent event = parse(CsvProfile.HUBSPOT, row);

        assertThat(event.getType()).isEqualTo(EventType.LEAD_CREATED);
        assertThat(event.getLeadId()).isEqualTo("1001");
        assertThat(event.getOccurredAt()).isEqualTo(T0);
        assertThat(event.getRepId()).isEqualTo("R7");
        assertThat(event.getChannel()).isEqualTo("paid");
        assertThat(event.getRegion()).isEqualTo("EMEA");
        assertThat(event.getStage()).isEqualTo(Stage.MQL);
        assertThat(event.getSource()).isEqualTo(EventSource.IMPORT);
        assertThat(event.getEventId()).startsWith("csv-").hasSize(36);
    }

    @Test
    void shouldNotCarryPersonalColumnsWhenMappingARow() {
        final ObjectNode json = CsvProfile.HUBSPOT.toJson(row("Record ID", "1001", "Email", "ada@example.com",
                "Phone Number", "+49 30 1234", "Create Date", "1793610000000"), ZoneOffset.UTC);

        assertThat(json.toString()).doesNotContain("ada@example.com").doesNotContain("1234\"");
    }

    @Test
    void shouldTakeTheTypeAndActivityDateWhenAHubSpotRowHasAnEventType() {
        final SalesEvent event = parse(CsvProfile.HUBSPOT, row("Contact ID", "1002", "Event Type", "Lead Stage Changed",
                "Create Date", "2026-10-01", "Activity Date", Long.toString(T0.toEpochMilli()),
                "Lifecycle Stage", "salesqualifiedlead"));

        assertThat(event.getType()).isEqualTo(EventType.LEAD_STAGE_CHANGED);
        assertThat(event.getOccurredAt()).isEqualTo(T0);
        assertThat(event.getStage()).isEqualTo(Stage.SQL);
    }

    @Test
    void shouldMapASalesforceLeadWhenTheRowUsesSalesforceColumns() {
        final SalesEvent event = parse(CsvProfile.SALESFORCE, row("Lead ID", "00Q5g000001", "Created Date",
                "11/2/2026 9:00 AM", "Lead Owner", "R3", "Lead Source", "Partner Referral", "Region", "AMER",
                "Status", "Closed - Not Converted", "Company", "Acme"));

        assertThat(event.getType()).isEqualTo(EventType.LEAD_CREATED);
        assertThat(event.getLeadId()).isEqualTo("00Q5g000001");
        assertThat(event.getOccurredAt()).isEqualTo(T0);
        assertThat(event.getRepId()).isEqualTo("R3");
        assertThat(event.getChannel()).isEqualTo("referral");
        assertThat(event.getRegion()).isEqualTo("AMER");
        assertThat(event.getStage()).isEqualTo(Stage.DISQUALIFIED);
    }

    @Test
    void shouldReadColumnsAsJsonFieldsWhenTheProfileIsNative() {
        final SalesEvent event = parse(CsvProfile.NATIVE, row("eventId", "E1", "type", "DEAL_WON",
                "occurredAt", "2026-11-02T09:00:00Z", "leadId", "L1", "repId", "R1", "opportunityId", "O1",
                "amount", "1200.50", "automated", "", "score", ""));

        assertThat(event.getEventId()).isEqualTo("E1");
        assertThat(event.getType()).isEqualTo(EventType.DEAL_WON);
        assertThat(event.getAmount()).isEqualByComparingTo(new BigDecimal("1200.50"));
        assertThat(event.getOccurredAt()).isEqualTo(T0);
    }

    @Test
    void shouldDeriveTheSameEventIdWhenTheSameRowIsMappedTwice() {
        final Map<String, String> row = row("Record ID", "1001", "Create Date", "2026-11-02 09:00",
                "Original Source", "Organic Search", "Region", "EMEA");
        final Map<String, String> otherLead = new HashMap<>(row);
        otherLead.put("record id", "1002");

        final String first = CsvProfile.HUBSPOT.toJson(row, ZoneOffset.UTC).get("eventId").asText();
        final String again = CsvProfile.HUBSPOT.toJson(new HashMap<>(row), ZoneOffset.UTC).get("eventId").asText();
        final String other = CsvProfile.HUBSPOT.toJson(otherLead, ZoneOffset.UTC).get("eventId").asText();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldPassAnUnknownTimestampOnWhenNoExportFormMatches() {
        final ObjectNode json = CsvProfile.HUBSPOT.toJson(row("Record ID", "1001", "Create Date", "last tuesday"),
                ZoneOffset.UTC);

        assertThat(json.get("occurredAt").asText()).isEqualTo("last tuesday");
    }

    @Test
    void shouldTranslateKnownSourcesAndSlugTheRestWhenMappingChannels() {
        assertThat(CsvProfile.channel("ORGANIC_SEARCH")).isEqualTo("organic");
        assertThat(CsvProfile.channel("Referrals")).isEqualTo("referral");
        assertThat(CsvProfile.channel("Trade Show")).isEqualTo("event");
        assertThat(CsvProfile.channel("Purchased List")).isEqualTo("outbound");
        assertThat(CsvProfile.channel("Podcast Ads")).isEqualTo("podcast-ads");
    }

    @Test
    void shouldTranslateLeadStatusesWhenMappingSalesforceStages() {
        assertThat(CsvProfile.salesforceStatus("Open - Not Contacted")).isEqualTo("LEAD");
        assertThat(CsvProfile.salesforceStatus("Closed - Converted")).isEqualTo("OPPORTUNITY");
        assertThat(CsvProfile.hubspotStage("Marketing Qualified Lead")).isEqualTo("MQL");
        assertThat(CsvProfile.hubspotStage("customer")).isEqualTo("CUSTOMER");
    }

    private static SalesEvent parse(final CsvProfile profile, final Map<String, String> row) {
        return SalesEventJson.parse(profile.toJson(row, ZoneOffset.UTC).toString());
    }

    /** Column names as {@link CsvRows} hands them over: trimmed and lower-cased. */
    private static Map<String, String> row(final String... namesAndValues) {
        final Map<String, String> row = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put(namesAndValues[i].toLowerCase(Locale.ROOT), namesAndValues[i + 1]);
        }
        return row;
    }
}
