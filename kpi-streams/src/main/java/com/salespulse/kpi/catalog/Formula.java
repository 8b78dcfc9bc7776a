package com.salespulse.kpi.catalog;

import java.util.EnumSet;
import java.util.Set;

/** How a KPI's numbers come from a bucket's measure totals. */
public sealed interface Formula permits Formula.Ratio, Formula.Total, PipelineVelocity {

    /** The KPI's numbers in a bucket with these totals. */
    KpiValue valueOf(Measures totals);

    /** Every measure the formula reads. */
    Set<Measure> measures();

    /** For people, e.g. {@code revenue_won / deals_won}. */
    String describe();

    /**
     * numerator / denominator; value null where the denominator is 0, empty at 0 / 0.
     *
     * @param numerator   what is counted
     * @param denominator what it is counted out of
     */
    record Ratio(Expression numerator, Expression denominator) implements Formula {
        @Override
        public KpiValue valueOf(final Measures totals) {
            return KpiValue.ratio(numerator.evaluate(totals), denominator.evaluate(totals));
        }

        @Override
        public Set<Measure> measures() {
            final Set<Measure> measures = EnumSet.copyOf(numerator.measures());
            measures.addAll(denominator.measures());
            return measures;
        }

        @Override
        public String describe() {
            return numerator.grouped() + " / " + denominator.grouped();
        }
    }

    /**
     * A count or a sum, with no denominator: published with denominator 1 and value = numerator,
     * empty while the numerator is 0.
     *
     * @param amount what is counted or summed
     */
    record Total(Expression amount) implements Formula {
        @Override
        public KpiValue valueOf(final Measures totals) {
            return KpiValue.total(amount.evaluate(totals));
        }

        @Override
        public Set<Measure> measures() {
            return amount.measures();
        }

        @Override
        public String describe() {
            return amount.toString();
        }
    }
}
