package com.salespulse.kpi.query;

import com.salespulse.kpi.sla.SlaState;
import java.time.Instant;
import java.util.Optional;

/**
 * A lead whose first-response SLA clock runs and has raised an alert, as read from sla-state-store.
 *
 * @param leadId   the lead
 * @param status   AT_RISK, BREACHED or ESCALATED: the furthest alert raised
 * @param policy   the SLA policy that took the lead
 * @param repId    its current owner, or null
 * @param region   its region, or null
 * @param created  when the clock started (the lead's LEAD_CREATED)
 * @param deadline when it is due
 */
public record OpenClock(String leadId, String status, String policy, String repId, String region, Instant created,
                        Instant deadline) {
    public static final String AT_RISK = "AT_RISK";
    public static final String BREACHED = "BREACHED";
    public static final String ESCALATED = "ESCALATED";

    /** The lead's open clock, if its clock runs untouched and has raised at least one alert. */
    static Optional<OpenClock> of(final String leadId, final SlaState state) {
        if (state.getPolicy() == null || state.getCreatedAt() == null || state.getFirstHumanTouchAt() != null
                || state.getHandled() == 0) {
            return Optional.empty();
        }
        final String status = state.getEscalated() ? ESCALATED : state.getBreached() ? BREACHED : AT_RISK;
        return Optional.of(new OpenClock(leadId, status, state.getPolicy(), state.getOwnerRepId(), state.getRegion(),
                state.getCreatedAt(), state.getDeadline()));
    }
}
