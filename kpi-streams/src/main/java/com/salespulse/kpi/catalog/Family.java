package com.salespulse.kpi.catalog;

/** The two kinds of KPI of KPIS.md. */
public enum Family {
    /** Counts things when they happen: a measurement belongs to the window of the event that completes it. */
    FLOW,
    /** Describes leads: a lead belongs to the window of its creation and its current state is counted. */
    COHORT
}
