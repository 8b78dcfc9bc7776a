package com.salespulse.events.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.Rep;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Set;

/**
 * The roster JSON of DESIGN.md section 5, one object per rep: {@code repId}, {@code name},
 * {@code teamId}, {@code region}, {@code timezone} and an optional {@code monthlyQuota}. A rep's
 * time zone decides business hours for SLA timers, so a zone Java cannot resolve is refused here,
 * when the roster is loaded, rather than when the first timer fires.
 */
public final class RepJson {
    private static final String WHAT = "rep";
    /** Region ids only: an IANA name such as Europe/Berlin, not a fixed offset such as +01:00 that ignores DST. */
    private static final Set<String> ZONE_IDS = Set.copyOf(ZoneId.getAvailableZoneIds());

    private RepJson() {
    }

    /**
     * Parses one rep.
     *
     * @throws InvalidRecordException {@link RejectReason#MALFORMED_JSON} for text that is not a JSON
     *                                object, {@link RejectReason#MISSING_FIELD} for a missing or blank
     *                                field other than monthlyQuota, {@link RejectReason#BAD_VALUE} for a
     *                                timezone that is not an IANA zone id or a malformed quota,
     *                                {@link RejectReason#NEGATIVE_AMOUNT} for a quota below zero
     */
    public static Rep parse(final String json) {
        final ObjectNode node = JsonSupport.readObject(json, WHAT);
        final String repId = JsonSupport.requiredText(node, "repId", WHAT);
        final String name = JsonSupport.requiredText(node, "name", WHAT);
        final String teamId = JsonSupport.requiredText(node, "teamId", WHAT);
        final String region = JsonSupport.requiredText(node, "region", WHAT);
        final String timezone = JsonSupport.requiredText(node, "timezone", WHAT);
        if (!ZONE_IDS.contains(timezone)) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    "rep field timezone is not an IANA time zone id (e.g. Europe/Berlin)");
        }
        final BigDecimal monthlyQuota = JsonSupport.decimal(node, "monthlyQuota", WHAT);
        if (monthlyQuota != null && monthlyQuota.signum() < 0) {
            throw new InvalidRecordException(RejectReason.NEGATIVE_AMOUNT, "rep has a negative monthlyQuota");
        }
        return new Rep(repId, name, teamId, region, timezone, monthlyQuota);
    }

    /** Writes one rep as compact JSON in the roster's field order; monthlyQuota only when set. */
    public static String write(final Rep rep) {
        return JsonSupport.writeObject(generator -> {
            JsonSupport.writeTextIfPresent(generator, "repId", rep.getRepId());
            JsonSupport.writeTextIfPresent(generator, "name", rep.getName());
            JsonSupport.writeTextIfPresent(generator, "teamId", rep.getTeamId());
            JsonSupport.writeTextIfPresent(generator, "region", rep.getRegion());
            JsonSupport.writeTextIfPresent(generator, "timezone", rep.getTimezone());
            final BigDecimal monthlyQuota = rep.getMonthlyQuota();
            if (monthlyQuota != null) {
                JsonSupport.writeDecimal(generator, "monthlyQuota", monthlyQuota);
            }
        });
    }
}
