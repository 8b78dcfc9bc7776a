package com.salespulse.events.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.salespulse.events.Alert;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON form of an {@link Alert}, as the HTTP API streams it: the Avro field names, instants in
 * ISO-8601 UTC, absent fields left out. Alerts hold no personal data (their message is written free
 * of it), so the whole record is served.
 */
public final class AlertJson {

    private AlertJson() {
    }

    public static String write(final Alert alert) {
        return JsonSupport.writeObject(generator -> {
            generator.writeStringField("alertId", alert.getAlertId());
            generator.writeStringField("kind", alert.getKind().name());
            JsonSupport.writeInstant(generator, "raisedAt", alert.getRaisedAt());
            JsonSupport.writeTextIfPresent(generator, "leadId", alert.getLeadId());
            JsonSupport.writeTextIfPresent(generator, "ruleKey", alert.getRuleKey());
            JsonSupport.writeTextIfPresent(generator, "repId", alert.getRepId());
            JsonSupport.writeTextIfPresent(generator, "teamId", alert.getTeamId());
            JsonSupport.writeTextIfPresent(generator, "region", alert.getRegion());
            writeInstantIfPresent(generator, "deadline", alert.getDeadline());
            writeNumberIfPresent(generator, "waitedBusinessSeconds", alert.getWaitedBusinessSeconds());
            writeNumberIfPresent(generator, "waitedWallSeconds", alert.getWaitedWallSeconds());
            generator.writeNumberField("level", alert.getLevel());
            JsonSupport.writeTextIfPresent(generator, "kpi", alert.getKpi());
            writeNumberIfPresent(generator, "value", alert.getValue());
            writeNumberIfPresent(generator, "threshold", alert.getThreshold());
            generator.writeStringField("message", alert.getMessage());
        });
    }

    private static void writeInstantIfPresent(final JsonGenerator generator, final String field, final Instant value)
            throws IOException {
        if (value != null) {
            JsonSupport.writeInstant(generator, field, value);
        }
    }

    private static void writeNumberIfPresent(final JsonGenerator generator, final String field, final Number value)
            throws IOException {
        if (value instanceof Long whole) {
            generator.writeNumberField(field, whole);
        } else if (value instanceof Double real && Double.isFinite(real)) {
            generator.writeNumberField(field, real);
        }
    }
}
