package com.salespulse.kpi.http;

import com.salespulse.events.KpiChange;

/**
 * One event of the live stream: a KPI change or an alert, in its JSON form.
 *
 * @param type   {@value #KPI} or {@value #ALERT}, the SSE event name
 * @param json   the event's JSON
 * @param change the KPI change, for filtering; null for alerts
 */
public record LiveEvent(String type, String json, KpiChange change) {
    public static final String KPI = "kpi";
    public static final String ALERT = "alert";
}
