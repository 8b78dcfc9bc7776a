package com.salespulse.kpi.catalog;

import java.util.Locale;

/** The ways a KPI is broken down (KPIS.md, Dimensions). */
public enum Dimension {
    ORG, REGION, CHANNEL, TEAM, REP;

    /** The only member of {@link #ORG}. */
    public static final String ALL = "all";
    /** Region or channel of a lead whose LEAD_CREATED has not arrived (or never will). */
    public static final String UNKNOWN = "unknown";
    /** Team or rep when there is no rep, or the rep is not in the roster. */
    public static final String UNASSIGNED = "unassigned";

    /** The name used in {@code KpiChange.dimension}, e.g. {@code rep}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dimension fromLabel(final String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
