package com.salespulse.kpi.money;

/**
 * An event's money in 1/10,000 of the reporting currency.
 *
 * @param amount the amount, 0 when the event has none
 * @param cost   the cost, null when the event has none
 */
public record EventAmounts(long amount, Long cost) {
    /** An event without money. */
    public static final EventAmounts NONE = new EventAmounts(0, null);
}
