package com.salespulse.kpi.catalog;

import com.salespulse.events.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every KPI SalesPulse publishes. A KPI is one entry here plus its tests: adding one widens the
 * measure vector of each bucket but adds no topic, store or processor. The definitions are those of
 * docs/kpis.md.
 */
public final class KpiCatalog {
    public static final String SECONDS = "seconds";
    public static final String RATIO = "ratio";

    private static final List<Kpi> ALL = build();
    private static final Map<String, Kpi> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Kpi::name, Function.identity()));

    private KpiCatalog() {
    }

    public static List<Kpi> all() {
        return ALL;
    }

    public static Optional<Kpi> byName(final String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static List<Kpi> build() {
        final List<Kpi> kpis = new ArrayList<>();
        kpis.add(new Kpi("first_response_time", Family.FLOW, SECONDS,
                Measure.FIRST_RESPONSE_MILLIS, 1000, Measure.FIRST_RESPONSE_LEADS,
                "Mean seconds from a lead's LEAD_CREATED to its first human touch (first LEAD_CONTACTED with "
                        + "automated false), counted in the window and for the rep of that touch; only when "
                        + "LEAD_CREATED arrived before the touch and the difference is not negative."));
        kpis.add(new Kpi("positive_reply_rate", Family.COHORT, RATIO,
                Measure.COHORT_POSITIVE_LEADS, 1, Measure.COHORT_TOUCHED_LEADS,
                "Of the cohort's leads with at least one human touch, the fraction whose first reply that is "
                        + "not NEUTRAL is POSITIVE."));
        kpis.add(new Kpi("negative_reply_rate", Family.COHORT, RATIO,
                Measure.COHORT_NEGATIVE_LEADS, 1, Measure.COHORT_TOUCHED_LEADS,
                "Of the cohort's leads with at least one human touch, the fraction whose first reply that is "
                        + "not NEUTRAL is NEGATIVE."));
        for (final Stage stage : Stage.values()) {
            final String lower = stage.name().toLowerCase(Locale.ROOT);
            kpis.add(new Kpi("lead_stage_share." + lower, Family.COHORT, RATIO,
                    Measure.cohortStage(stage), 1, Measure.COHORT_LEADS,
                    "Fraction of the cohort's leads whose current stage is " + stage.name() + " (latest "
                            + "LEAD_STAGE_CHANGED, else the stage on LEAD_CREATED, else LEAD)."));
        }
        return Collections.unmodifiableList(kpis);
    }
}
