package com.salespulse.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which metric names a PromQL query selects, as the dashboard checks read them. */
class PromQlTest {

    @Test
    void shouldFindTheSeriesWhenAQuantileAggregatesAHistogram() {
        assertThat(PromQl.metricNames(
                "histogram_quantile(0.99, sum by (le) (rate(salespulse_kpi_latency_seconds_bucket[$__rate_interval])))"))
                .containsExactly("salespulse_kpi_latency_seconds_bucket");
    }

    @Test
    void shouldIgnoreLabelsAndValuesWhenASelectorMatchesThem() {
        assertThat(PromQl.metricNames(
                "sum by (topic) (kafka_consumer_fetch_manager_records_lag{topic=~\".*sales[.]crm-events|x_total\"})"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag");
        assertThat(PromQl.metricNames("salespulse_kpi_value{kpi=\"win_rate\",dimension=\"org\",window=\"P1D\"}"))
                .containsExactly("salespulse_kpi_value");
    }

    @Test
    void shouldFindEveryOperandWhenABinaryExpressionCombinesMetrics() {
        assertThat(PromQl.metricNames("sum without (id) (jvm_memory_used_bytes{area=\"heap\"}) / on (instance) "
                + "group_left sum(jvm_memory_max_bytes > 0) * 100 and ignoring (area) up offset 5m"))
                .containsExactly("jvm_memory_max_bytes", "jvm_memory_used_bytes", "up");
    }

    @Test
    void shouldFindNoMetricWhenTheQueryIsAConstant() {
        assertThat(PromQl.metricNames("vector(1e3) + 2")).isEmpty();
    }
}
