package com.salespulse.kpi.journey;

/** Finds a rep's team in the roster. */
@FunctionalInterface
public interface TeamLookup {

    /** The rep's teamId, or null when the rep is not in the roster. */
    String teamOf(String repId);
}
