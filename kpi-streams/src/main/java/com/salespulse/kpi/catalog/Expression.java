package com.salespulse.kpi.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A KPI's numerator or denominator: a small sum of whole-number multiples of measures, divided by a
 * divisor that brings the measures' units to the KPI's unit (1,000 for milliseconds to seconds,
 * 86,400,000 for milliseconds to days, 10,000 for money in 1/10,000 units). The sum is exact; only
 * the division makes it a double.
 *
 * @param terms   what is summed
 * @param divisor what the sum is divided by, at least 1
 */
public record Expression(List<Term> terms, long divisor) {
    /** Milliseconds in a second. */
    public static final long SECOND = 1_000L;
    /** Milliseconds in a day. */
    public static final long DAY = 86_400_000L;
    /** Money measures are in 1/10,000 units of the reporting currency. */
    public static final long MONEY = 10_000L;

    /** {@code coefficient} × {@code measure}. */
    public record Term(long coefficient, Measure measure) {
    }

    public Expression {
        if (terms.isEmpty() || divisor < 1) {
            throw new IllegalArgumentException("an expression needs a term and a divisor of at least 1");
        }
        terms = List.copyOf(terms);
    }

    /** The measure itself. */
    public static Expression of(final Measure measure) {
        return new Expression(List.of(new Term(1, measure)), 1);
    }

    /** The sum of the measures. */
    public static Expression sum(final Measure first, final Measure... more) {
        final List<Term> terms = new ArrayList<>();
        terms.add(new Term(1, first));
        for (final Measure measure : more) {
            terms.add(new Term(1, measure));
        }
        return new Expression(terms, 1);
    }

    /** This minus {@code measure}. */
    public Expression minus(final Measure measure) {
        final List<Term> more = new ArrayList<>(terms);
        more.add(new Term(-1, measure));
        return new Expression(more, divisor);
    }

    /** Every coefficient multiplied by {@code factor}. */
    public Expression times(final long factor) {
        return new Expression(terms.stream().map(term -> new Term(term.coefficient() * factor, term.measure())).toList(),
                divisor);
    }

    /** The same sum divided by {@code newDivisor}. */
    public Expression per(final long newDivisor) {
        return new Expression(terms, newDivisor);
    }

    /** The exact sum, before the divisor. */
    public long raw(final Measures totals) {
        long sum = 0;
        for (final Term term : terms) {
            sum += term.coefficient() * totals.get(term.measure());
        }
        return sum;
    }

    /** The value in the KPI's unit. */
    public double evaluate(final Measures totals) {
        final long sum = raw(totals);
        return divisor == 1 ? sum : sum / (double) divisor;
    }

    public Set<Measure> measures() {
        return Collections.unmodifiableSet(terms.stream().map(Term::measure)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Measure.class))));
    }

    /** For people: {@code revenue_won / 10000}, {@code (costed_revenue - costed_cost) / 10000}. */
    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        for (final Term term : terms) {
            if (!text.isEmpty()) {
                text.append(term.coefficient() < 0 ? " - " : " + ");
            } else if (term.coefficient() < 0) {
                text.append('-');
            }
            final long magnitude = Math.abs(term.coefficient());
            text.append(magnitude == 1 ? "" : magnitude + " * ").append(term.measure().key());
        }
        if (divisor == 1) {
            return text.toString();
        }
        return (terms.size() > 1 ? "(" + text + ")" : text) + " / " + divisor;
    }

    /** {@link #toString()}, in parentheses when it is more than one measure. */
    public String grouped() {
        final String text = toString();
        return text.contains(" ") ? "(" + text + ")" : text;
    }
}
