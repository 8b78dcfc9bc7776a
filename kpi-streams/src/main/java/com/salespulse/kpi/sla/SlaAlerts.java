package com.salespulse.kpi.sla;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import java.time.Duration;
import java.time.Instant;

/**
 * The SLA alerts of one lead: deterministic ids (the same alert raised again after a restart has
 * the same id) and messages that name the lead, its owner, team and region but carry no personal
 * data.
 */
public final class SlaAlerts {

    private SlaAlerts() {
    }

    /** Who the lead belongs to when the alert is raised. */
    public record Owner(String repId, String teamId, String region) {
    }

    /**
     * {@code sla|<leadId>|<createdAt>|<kind>[|<percent>]}: a lead has one clock, started by its
     * LEAD_CREATED, and each of its moments raises at most one alert.
     */
    public static String alertId(final String leadId, final Instant createdAt, final String kind, final int percent) {
        final String base = "sla|" + leadId + '|' + createdAt + '|' + kind;
        return AlertKind.SLA_AT_RISK.name().equals(kind) || AlertKind.SLA_ESCALATED.name().equals(kind)
                ? base + '|' + percent : base;
    }

    /** The alert of a checkpoint that fell due while the lead was untouched. */
    public static Alert checkpoint(final String leadId, final SlaState state, final SlaCheckpoint checkpoint,
                                   final Owner owner, final Instant raisedAt) {
        final AlertKind kind = AlertKind.valueOf(checkpoint.getKind());
        final Instant createdAt = state.getCreatedAt();
        final Duration target = Duration.ofMillis(state.getTargetMillis());
        final String text = switch (kind) {
            case SLA_AT_RISK -> "Lead " + leadId + " has waited " + checkpoint.getPercent() + " % of its "
                    + human(target) + " first-response target (policy " + state.getPolicy() + "), due "
                    + state.getDeadline() + ".";
            case SLA_BREACHED -> "Lead " + leadId + " missed its " + human(target) + " first-response target (policy "
                    + state.getPolicy() + ") at " + state.getDeadline() + ".";
            case SLA_ESCALATED -> "Lead " + leadId + " is still untouched after "
                    + human(Duration.ofMillis(checkpoint.getBusinessMillis())) + " of business time (policy "
                    + state.getPolicy() + ", target " + human(target) + "): escalation level " + checkpoint.getLevel() + ".";
            default -> throw new IllegalArgumentException("not a checkpoint alert: " + kind);
        };
        return base(leadId, kind, alertId(leadId, createdAt, kind.name(), checkpoint.getPercent()), owner, raisedAt, text)
                .setDeadline(kind == AlertKind.SLA_ESCALATED ? checkpoint.getDueAt() : state.getDeadline())
                .setWaitedBusinessSeconds(checkpoint.getBusinessMillis() / 1000)
                .setWaitedWallSeconds(Duration.between(createdAt, checkpoint.getDueAt()).toSeconds())
                .setLevel(checkpoint.getLevel())
                .build();
    }

    /** The alert of a breached lead's first human touch, with the business and wall time it waited. */
    public static Alert resolved(final String leadId, final SlaState state, final Duration waitedBusiness,
                                 final Owner owner, final Instant raisedAt) {
        final Instant createdAt = state.getCreatedAt();
        final Duration waitedWall = Duration.between(createdAt, state.getFirstHumanTouchAt());
        final String text = "Lead " + leadId + " got its first human touch after "
                + (waitedBusiness == null ? "" : human(waitedBusiness) + " of business time, ")
                + human(waitedWall) + " on the clock; its target was " + human(Duration.ofMillis(state.getTargetMillis()))
                + " (policy " + state.getPolicy() + ").";
        return base(leadId, AlertKind.SLA_RESOLVED, alertId(leadId, createdAt, AlertKind.SLA_RESOLVED.name(), 0),
                owner, raisedAt, text)
                .setDeadline(state.getDeadline())
                .setWaitedBusinessSeconds(waitedBusiness == null ? null : waitedBusiness.toSeconds())
                .setWaitedWallSeconds(waitedWall.toSeconds())
                .setLevel(state.getEscalated() ? 1 : 0)
                .build();
    }

    private static Alert.Builder base(final String leadId, final AlertKind kind, final String alertId, final Owner owner,
                                      final Instant raisedAt, final String text) {
        return Alert.newBuilder()
                .setAlertId(alertId)
                .setKind(kind)
                .setRaisedAt(raisedAt)
                .setLeadId(leadId)
                .setRepId(owner.repId())
                .setTeamId(owner.teamId())
                .setRegion(owner.region())
                .setMessage(text + " Owner " + orNone(owner.repId()) + ", team " + orNone(owner.teamId())
                        + ", region " + orNone(owner.region()) + ".");
    }

    private static String orNone(final String value) {
        return value == null ? "none" : value;
    }

    /** 45 s, 5 min, 1 h 30 min, 2 d 3 h: the two largest units that are not zero. */
    public static String human(final Duration duration) {
        final long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        final long days = seconds / 86_400;
        final long hours = seconds % 86_400 / 3_600;
        final long minutes = seconds % 3_600 / 60;
        final long rest = seconds % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        return minutes + " min" + (rest > 0 ? " " + rest + " s" : "");
    }
}
