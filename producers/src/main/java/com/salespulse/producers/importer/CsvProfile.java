package com.salespulse.producers.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the columns of a CRM's CSV export become the JSON form of an event (DESIGN.md section 5),
 * which is then parsed and validated exactly like a JSON line. A profile only renames columns and
 * translates a few well-known values; it never decides whether a row is valid: a value it does not
 * know is passed on as it is and refused (and dead-lettered) by {@code SalesEventJson.parse}.
 *
 * <p>Column names are matched ignoring case and surrounding spaces; when several are listed, the
 * first one with a non-blank value wins. A row without a type column is a {@code LEAD_CREATED}.
 * A row without an eventId gets {@code csv-} and the first 32 hex digits of the SHA-256 of its mapped
 * fields (the lead id among them), so that importing the same export again yields the same eventIds,
 * which the pipeline deduplicates.
 */
public enum CsvProfile {
    /** HubSpot contact exports. */
    HUBSPOT(Map.of(
            "leadId", List.of("Record ID", "Contact ID"),
            "occurredAt", List.of("Activity Date", "Create Date"),
            "repId", List.of("HubSpot Owner ID", "Contact owner"),
            "channel", List.of("Original Source", "Latest Source"),
            "region", List.of("Region", "Country/Region"),
            "stage", List.of("Lifecycle Stage"),
            "type", List.of("Event Type", "Activity Type"),
            "opportunityId", List.of("Deal ID"),
            "amount", List.of("Amount"),
            "campaignId", List.of("Campaign"))),
    /** Salesforce lead reports. */
    SALESFORCE(Map.of(
            "leadId", List.of("Lead ID"),
            "occurredAt", List.of("Activity Date", "Created Date"),
            "repId", List.of("Lead Owner ID", "Lead Owner"),
            "channel", List.of("Lead Source"),
            "region", List.of("Region", "Country"),
            "stage", List.of("Status", "Lead Status"),
            "type", List.of("Event Type", "Activity Type"),
            "opportunityId", List.of("Opportunity ID"),
            "amount", List.of("Amount"),
            "campaignId", List.of("Campaign ID"))),
    /** Columns named exactly like the fields of the JSON form. */
    NATIVE(Map.of());

    /** The JSON fields, for the native profile; {@code automated} is a boolean, the rest text. */
    private static final List<String> NATIVE_FIELDS = List.of("eventId", "type", "occurredAt", "leadId", "repId",
            "source", "channel", "region", "campaignId", "activity", "automated", "sentiment", "stage",
            "opportunityId", "amount", "currency", "cost", "dealType", "reason", "score");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, List<String>> columns;

    CsvProfile(final Map<String, List<String>> columns) {
        this.columns = columns;
    }

    /** The profile called {@code name} ({@code hubspot}, {@code salesforce}, {@code native}). */
    public static CsvProfile named(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /**
     * The JSON form of one row.
     *
     * @param row  the row's values by column name, names lower-cased and trimmed
     * @param zone the zone of timestamps without an offset
     */
    ObjectNode toJson(final Map<String, String> row, final ZoneId zone) {
        final ObjectNode json = MAPPER.createObjectNode();
        if (this == NATIVE) {
            for (final String field : NATIVE_FIELDS) {
                final String value = row.get(field.toLowerCase(Locale.ROOT));
                if (value != null && !value.isBlank()) {
                    putNative(json, field, value.trim(), zone);
                }
            }
        } else {
            // The type first, so that the stage translation knows what kind of event it is.
            final String type = first(row, "type");
            json.put("type", type == null ? "LEAD_CREATED" : constant(type));
            for (final String field : List.of("occurredAt", "leadId", "repId", "channel", "region", "stage",
                    "opportunityId", "amount", "campaignId")) {
                final String value = first(row, field);
                if (value != null) {
                    json.put(field, translate(field, value));
                }
            }
            json.put("source", "IMPORT");
            if (json.has("occurredAt")) {
                json.put("occurredAt", timestamp(json.get("occurredAt").asText(), zone));
            }
        }
        if (!json.hasNonNull("eventId")) {
            json.put("eventId", "csv-" + digest(json));
        }
        return json;
    }

    private static void putNative(final ObjectNode json, final String field, final String value, final ZoneId zone) {
        switch (field) {
            case "automated" -> {
                if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                    json.put(field, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
                } else {
                    json.put(field, value);
                }
            }
            case "occurredAt" -> json.put(field, timestamp(value, zone));
            default -> json.put(field, value);
        }
    }

    private String first(final Map<String, String> row, final String field) {
        for (final String column : columns.getOrDefault(field, List.of())) {
            final String value = row.get(column.toLowerCase(Locale.ROOT));
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private String translate(final String field, final String value) {
        return switch (field) {
            case "channel" -> channel(value);
            case "stage" -> this == HUBSPOT ? hubspotStage(value) : salesforceStatus(value);
            default -> value;
        };
    }

    /** An ISO instant when the text is a known export form; else the text itself, for the parser to refuse. */
    private static String timestamp(final String value, final ZoneId zone) {
        final Instant instant = ExportTimestamps.parse(value, zone);
        return instant == null ? value : instant.toString();
    }

    /**
     * HubSpot's sources ({@code Organic Search} or {@code ORGANIC_SEARCH}, ...) and Salesforce's lead
     * sources as the pipeline's channels; anything else lower-cased, words joined by {@code -}.
     */
    static String channel(final String value) {
        final String words = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim();
        return switch (words) {
            case "organic search", "organic social", "social media", "direct traffic", "web" -> "organic";
            case "paid search", "paid social", "advertisement", "display" -> "paid";
            case "referrals", "referral", "partner referral", "employee referral", "external referral" -> "referral";
            case "offline sources", "offline", "trade show", "seminar internal", "seminar partner", "event" -> "event";
            case "purchased list", "cold call", "outbound" -> "outbound";
            case "email marketing", "email" -> "email";
            default -> words.replace(' ', '-');
        };
    }

    /** HubSpot's lifecycle stages, by label or internal name, as the pipeline's stages. */
    static String hubspotStage(final String value) {
        final String words = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "");
        return switch (words) {
            case "marketingqualifiedlead" -> "MQL";
            case "salesqualifiedlead" -> "SQL";
            default -> constant(value);
        };
    }

    /** Salesforce's standard lead statuses as the pipeline's stages. */
    static String salesforceStatus(final String value) {
        final String words = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", " ").trim();
        return switch (words) {
            case "open not contacted", "working contacted", "open", "working", "new", "contacted" -> "LEAD";
            case "qualified" -> "SQL";
            case "closed converted", "converted" -> "OPPORTUNITY";
            case "closed not converted", "unqualified", "disqualified" -> "DISQUALIFIED";
            default -> constant(value);
        };
    }

    /** {@code Lead Created} or {@code lead-created} as {@code LEAD_CREATED}. */
    private static String constant(final String value) {
        return value.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private static String digest(final ObjectNode json) {
        try {
            final byte[] hash = MessageDigest.getInstance("SHA-256").digest(json.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
