package com.salespulse.app.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;

/**
 * The JSON body posted for an alert. It works as a Slack incoming webhook: {@code text} is the
 * message Slack shows, {@code attachments} add a coloured bar with the alert's fields; other
 * receivers read {@code alert}, every field of the Avro {@code Alert} (instants as ISO-8601).
 */
public final class SlackPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SlackPayload() {
    }

    public static String json(final Alert alert) {
        final ObjectNode body = JSON.createObjectNode();
        body.put("text", text(alert));
        final ObjectNode attachment = body.putArray("attachments").addObject();
        attachment.put("color", color(alert.getKind()));
        attachment.put("fallback", alert.getMessage());
        final ArrayNode fields = attachment.putArray("fields");
        field(fields, "Kind", alert.getKind().name());
        field(fields, "Lead", alert.getLeadId());
        field(fields, "Owner", alert.getRepId());
        field(fields, "Team", alert.getTeamId());
        field(fields, "Region", alert.getRegion());
        field(fields, "Deadline", alert.getDeadline() == null ? null : alert.getDeadline().toString());
        field(fields, "KPI", alert.getKpi());
        field(fields, "Value", alert.getValue() == null ? null : String.valueOf(alert.getValue()));
        field(fields, "Threshold", alert.getThreshold() == null ? null : String.valueOf(alert.getThreshold()));
        final ObjectNode structured = body.putObject("alert");
        structured.put("alertId", alert.getAlertId());
        structured.put("kind", alert.getKind().name());
        structured.put("raisedAt", alert.getRaisedAt().toString());
        structured.put("leadId", alert.getLeadId());
        structured.put("ruleKey", alert.getRuleKey());
        structured.put("repId", alert.getRepId());
        structured.put("teamId", alert.getTeamId());
        structured.put("region", alert.getRegion());
        structured.put("deadline", alert.getDeadline() == null ? null : alert.getDeadline().toString());
        structured.put("waitedBusinessSeconds", alert.getWaitedBusinessSeconds());
        structured.put("waitedWallSeconds", alert.getWaitedWallSeconds());
        structured.put("level", alert.getLevel());
        structured.put("kpi", alert.getKpi());
        structured.put("value", alert.getValue());
        structured.put("threshold", alert.getThreshold());
        structured.put("message", alert.getMessage());
        try {
            return JSON.writeValueAsString(body);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("an alert could not be written as JSON", e);
        }
    }

    /** One line: an emoji and a title Slack shows in bold, then the alert's own message. */
    public static String text(final Alert alert) {
        return switch (alert.getKind()) {
            case SLA_AT_RISK -> ":hourglass_flowing_sand: *SLA at risk* ";
            case SLA_BREACHED -> ":rotating_light: *SLA breached* ";
            case SLA_ESCALATED -> ":fire: *SLA escalated, level " + alert.getLevel() + "* ";
            case SLA_RESOLVED -> ":white_check_mark: *SLA resolved* ";
            case KPI_THRESHOLD_CROSSED -> ":warning: *KPI threshold crossed* ";
            case KPI_THRESHOLD_RECOVERED -> ":white_check_mark: *KPI threshold recovered* ";
        } + alert.getMessage();
    }

    private static String color(final AlertKind kind) {
        return switch (kind) {
            case SLA_AT_RISK, KPI_THRESHOLD_CROSSED -> "warning";
            case SLA_BREACHED, SLA_ESCALATED -> "danger";
            case SLA_RESOLVED, KPI_THRESHOLD_RECOVERED -> "good";
        };
    }

    private static void field(final ArrayNode fields, final String title, final String value) {
        if (value != null) {
            fields.addObject().put("title", title).put("value", value).put("short", true);
        }
    }
}
