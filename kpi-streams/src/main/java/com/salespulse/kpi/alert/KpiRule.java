package com.salespulse.kpi.alert;

import com.salespulse.events.KpiChange;
import java.util.Objects;

/**
 * A threshold on a KPI: which values it watches, which side of the threshold is trouble, how much
 * data a value needs before it counts, and how far back a value must come before the trouble is
 * over.
 *
 * @param name           names the rule in alert keys and messages
 * @param kpi            the KPI, e.g. {@code response_rate}; a KPI the catalog does not publish never fires
 * @param dimension      {@code org}, {@code region}, {@code channel}, {@code team} or {@code rep}; null for every one
 * @param dimensionValue one member of the dimension, e.g. {@code T1}; null for every one
 * @param window         {@code PT1H}, {@code P1D}, {@code day}, {@code week}, ...; null for every window
 * @param direction      {@code BELOW}: trouble is a value under the threshold; {@code ABOVE}: over it
 * @param threshold      the threshold
 * @param minDenominator values with a smaller denominator (fewer leads, touches, ...) are ignored, so that
 *                       a 1-of-2 sample pages no one
 * @param hysteresis     a crossed value recovers only once it is this far back on the good side
 */
public record KpiRule(String name, String kpi, String dimension, String dimensionValue, String window,
                      Direction direction, double threshold, double minDenominator, double hysteresis) {

    /** Which side of the threshold is trouble. */
    public enum Direction { BELOW, ABOVE }

    public KpiRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kpi, "kpi");
        Objects.requireNonNull(direction, "direction");
        if (hysteresis < 0 || minDenominator < 0 || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("KPI rule " + name + ": threshold must be a number, "
                    + "hysteresis and minDenominator must not be negative");
        }
    }

    /** True when the rule watches this KPI, dimension, member and window. */
    public boolean watches(final KpiChange change) {
        return kpi.equals(change.getKpi())
                && (dimension == null || dimension.equals(change.getDimension()))
                && (dimensionValue == null || dimensionValue.equals(change.getDimensionValue()))
                && (window == null || window.equals(change.getWindow()));
    }

    /** True when the value is worth judging: it exists and its denominator is large enough. */
    public boolean judges(final KpiChange change) {
        return change.getValue() != null && change.getDenominator() >= minDenominator;
    }

    /** True when {@code value} is on the trouble side of the threshold. */
    public boolean crossedBy(final double value) {
        return direction == Direction.BELOW ? value < threshold : value > threshold;
    }

    /** True when {@code value} is back on the good side by at least the hysteresis. */
    public boolean recoveredBy(final double value) {
        return direction == Direction.BELOW ? value >= threshold + hysteresis : value <= threshold - hysteresis;
    }
}
