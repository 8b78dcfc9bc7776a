package com.salespulse.kpi.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The KPIs a pipeline publishes on sales.kpi-changes: the whole catalog (the default), or a part
 * of it, chosen with {@code salespulse.kpis}. Every measure is counted whatever the selection, so
 * the query API still answers for every KPI; only publication is limited.
 *
 * <p>A selection is {@value #ALL}, {@value #CORE} (the core KPIs of docs/kpis.md:
 * first_response_time, the reply rates and the lead stage shares), or a comma-separated list of
 * KPI names and name prefixes ({@code lead_stage_share} stands for every {@code lead_stage_share.*}).
 */
public final class KpiSelection {
    public static final String ALL = "all";
    public static final String CORE = "core";
    private static final List<String> CORE_KPIS = List.of("first_response_time", "positive_reply_rate",
            "negative_reply_rate", "lead_stage_share");

    private final String spec;
    private final boolean[] included;

    private KpiSelection(final String spec, final boolean[] included) {
        this.spec = spec;
        this.included = included;
    }

    /** Every KPI of the catalog. */
    public static KpiSelection all() {
        return parse(ALL);
    }

    /**
     * @throws IllegalArgumentException naming a name that is no KPI of the catalog, or when nothing is selected
     */
    public static KpiSelection parse(final String spec) {
        final List<Kpi> catalog = KpiCatalog.all();
        final boolean[] included = new boolean[catalog.size()];
        final List<String> names = new ArrayList<>();
        for (final String token : spec.split(",")) {
            final String name = token.trim().toLowerCase(Locale.ROOT);
            if (name.equals(CORE)) {
                names.addAll(CORE_KPIS);
            } else if (!name.isEmpty()) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no KPI selected: give all, core or KPI names");
        }
        for (final String name : names) {
            boolean known = false;
            for (int index = 0; index < catalog.size(); index++) {
                final String kpi = catalog.get(index).name();
                if (name.equals(ALL) || kpi.equals(name) || kpi.startsWith(name + '.')) {
                    included[index] = true;
                    known = true;
                }
            }
            if (!known) {
                throw new IllegalArgumentException("unknown KPI " + name + " (`salespulse kpis` lists them)");
            }
        }
        return new KpiSelection(spec.trim(), included);
    }

    /** Whether the KPI at this position of {@link KpiCatalog#all()} is published. */
    public boolean includes(final int catalogIndex) {
        return included[catalogIndex];
    }

    @Override
    public String toString() {
        return spec;
    }
}
