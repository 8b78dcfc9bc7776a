package com.salespulse.app.notify;

import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alerts on the console as they arrive, for the demo: one line each, up to a budget per period so
 * that a burst does not bury the KPI table; at-risk alerts get only the first half of the budget,
 * leaving room for breaches, escalations and resolutions. {@link #summary()} counts everything seen,
 * printed or not, and starts the next period.
 */
public final class AlertConsole implements AlertSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final int budget;
    private final Map<AlertKind, AtomicLong> seen = new EnumMap<>(AlertKind.class);
    private int printed;
    private long unprinted;
    private boolean muted;

    /**
     * @param out    where lines go
     * @param budget lines printed at most between two {@link #summary()} calls
     */
    public AlertConsole(final PrintStream out, final int budget) {
        this.out = out;
        this.budget = budget;
        for (final AlertKind kind : AlertKind.values()) {
            seen.put(kind, new AtomicLong());
        }
    }

    @Override
    public synchronized void accept(final Alert alert, final String origin) {
        seen.get(alert.getKind()).incrementAndGet();
        if (muted) {
            return;
        }
        final int allowed = alert.getKind() == AlertKind.SLA_AT_RISK ? budget / 2 : budget;
        if (printed >= allowed) {
            unprinted++;
            return;
        }
        printed++;
        out.println(line(alert));
    }

    /** {@code 09:41:02 UTC  ALERT SLA_BREACHED  Lead ... missed its 2 min first-response target ...} */
    public static String line(final Alert alert) {
        return TIME.format(alert.getRaisedAt()) + " UTC  ALERT " + alert.getKind().name() + "  " + alert.getMessage();
    }

    /** Prints nothing more: the command is stopping and its last lines are its own. */
    public synchronized void mute() {
        muted = true;
    }

    /** {@code alerts: 12 at risk, 5 breached, 1 escalated, 3 resolved, 2 KPI thresholds (4 not shown)}; starts a new period. */
    public synchronized String summary() {
        final long kpi = seen.get(AlertKind.KPI_THRESHOLD_CROSSED).get() + seen.get(AlertKind.KPI_THRESHOLD_RECOVERED).get();
        final String text = String.format("  alerts on sales.alerts: %,d at risk, %,d breached, %,d escalated, %,d resolved, "
                        + "%,d KPI threshold%s", seen.get(AlertKind.SLA_AT_RISK).get(), seen.get(AlertKind.SLA_BREACHED).get(),
                seen.get(AlertKind.SLA_ESCALATED).get(), seen.get(AlertKind.SLA_RESOLVED).get(), kpi,
                unprinted > 0 ? String.format("   (%,d not shown since the last table)", unprinted) : "");
        printed = 0;
        unprinted = 0;
        return text;
    }
}
