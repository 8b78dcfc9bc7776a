package com.salespulse.kpi.money;

import com.salespulse.events.SalesEvent;
import com.salespulse.events.validation.InvalidRecordException;
import com.salespulse.events.validation.RejectReason;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Converts money into the one reporting currency every KPI is published in. A rate is how many
 * units of the reporting currency one unit of another currency is worth; the reporting currency
 * converts at 1; an event without a currency is in USD (DESIGN.md section 5).
 *
 * <p>Converted amounts are exact longs in 1/10,000 of the reporting currency, rounded half-even
 * after conversion, so that measures add and subtract without drift.
 */
public final class CurrencyRates {
    /** The currency of an amount with no currency, and the default reporting currency. */
    public static final String USD = "USD";
    /** Money measures are in 1/10,000 units. */
    public static final int SCALE = 4;

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private final String reportingCurrency;
    private final Map<String, BigDecimal> rates;

    /**
     * @param reportingCurrency ISO 4217 code KPIs are published in
     * @param rates             units of the reporting currency per unit of each other currency, all positive
     */
    public CurrencyRates(final String reportingCurrency, final Map<String, BigDecimal> rates) {
        this.reportingCurrency = requireCode(reportingCurrency, "reporting currency");
        final Map<String, BigDecimal> copy = new TreeMap<>();
        for (final Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
            final String code = requireCode(rate.getKey(), "currency of a rate");
            final BigDecimal value = rate.getValue();
            if (value == null || value.signum() <= 0) {
                throw new IllegalArgumentException("the rate of " + code + " must be a positive number");
            }
            if (code.equals(this.reportingCurrency) && value.compareTo(BigDecimal.ONE) != 0) {
                throw new IllegalArgumentException("the reporting currency " + code + " converts at 1, not " + value);
            }
            copy.put(code, value);
        }
        this.rates = Collections.unmodifiableMap(copy);
    }

    /** USD reporting, no other currency known. */
    public static CurrencyRates usdOnly() {
        return new CurrencyRates(USD, Map.of());
    }

    /**
     * Parses rates written as {@code EUR=1.08,GBP=1.27} (blank for none; spaces around entries are
     * ignored).
     *
     * @throws IllegalArgumentException naming the entry that is not {@code CODE=positive number}
     */
    public static CurrencyRates parse(final String reportingCurrency, final String rates) {
        final Map<String, BigDecimal> parsed = new TreeMap<>();
        if (rates != null && !rates.isBlank()) {
            for (final String entry : rates.split(",")) {
                final String[] parts = entry.trim().split("=", -1);
                if (parts.length != 2) {
                    throw new IllegalArgumentException("currency rate '" + entry.trim() + "' is not CODE=RATE");
                }
                try {
                    parsed.put(parts[0].trim(), new BigDecimal(parts[1].trim()));
                } catch (final NumberFormatException e) {
                    throw new IllegalArgumentException("currency rate '" + entry.trim() + "' is not CODE=RATE", e);
                }
            }
        }
        return new CurrencyRates(reportingCurrency, parsed);
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }

    /** The rates of the other currencies, by code. */
    public Map<String, BigDecimal> rates() {
        return rates;
    }

    /**
     * The event's amount and cost in 1/10,000 of the reporting currency.
     *
     * @throws InvalidRecordException {@link RejectReason#BAD_VALUE} when the event carries money in a
     *                                currency that has no rate, or an amount too large to count
     */
    public EventAmounts convert(final SalesEvent event) {
        final BigDecimal amount = event.getAmount();
        final BigDecimal cost = event.getCost();
        if (amount == null && cost == null) {
            return EventAmounts.NONE;
        }
        final String typeName = event.getType() + " event";
        final BigDecimal rate = rateOf(event.getCurrency(), typeName);
        return new EventAmounts(amount == null ? 0 : toUnits(amount, rate, "amount", typeName),
                cost == null ? null : toUnits(cost, rate, "cost", typeName));
    }

    private BigDecimal rateOf(final String currency, final String typeName) {
        final String code = currency == null || currency.isBlank() ? USD : currency;
        if (code.equals(reportingCurrency)) {
            return BigDecimal.ONE;
        }
        final BigDecimal rate = rates.get(code);
        if (rate == null) {
            // The detail names the field, not its value: dead-letter details never carry payload.
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    typeName + " has a currency (field currency) with no conversion rate to " + reportingCurrency);
        }
        return rate;
    }

    private long toUnits(final BigDecimal value, final BigDecimal rate, final String field, final String typeName) {
        try {
            return value.multiply(rate).setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        } catch (final ArithmeticException e) {
            throw new InvalidRecordException(RejectReason.BAD_VALUE,
                    typeName + " has " + field + " too large to count in " + reportingCurrency, e);
        }
    }

    private static String requireCode(final String code, final String what) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException(what + " '" + code + "' is not an ISO 4217 code (three upper-case letters)");
        }
        return code;
    }

    @Override
    public String toString() {
        return reportingCurrency + " " + rates;
    }
}
