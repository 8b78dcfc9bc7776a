package com.salespulse.app.demo;

import com.salespulse.events.KpiChange;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.bucket.KpiKeys;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows sales.kpi-changes like any downstream consumer would, and renders a compact table of the
 * current day's KPIs for the organisation and per team: what the demo prints until the dashboard
 * exists.
 */
public final class LiveKpiTable implements AutoCloseable {
    private static final List<String> ORG_KPIS = List.of("first_response_time", "positive_reply_rate",
            "negative_reply_rate", "lead_stage_share.mql", "lead_stage_share.sql", "lead_stage_share.customer");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final KafkaConsumer<String, KpiChange> consumer;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, KpiChange> latest = new ConcurrentHashMap<>();
    private volatile long changesSeen;

    public LiveKpiTable(final String bootstrapServers, final Topic<String, KpiChange> topic) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "salespulse-demo-console-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        consumer.subscribe(List.of(topic.name()));
        thread = new Thread(this::poll, "salespulse-demo-console");
        thread.setDaemon(true);
        thread.start();
    }

    private void poll() {
        try {
            while (running.get()) {
                for (final ConsumerRecord<String, KpiChange> record : consumer.poll(Duration.ofMillis(500))) {
                    latest.put(record.key(), record.value());
                    changesSeen++;
                }
            }
        } catch (final WakeupException stopping) {
            // close() woke the consumer up.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    public long changesSeen() {
        return changesSeen;
    }

    /** The table for the UTC day holding {@code now}. */
    public String render(final Instant now) {
        final Instant day = now.truncatedTo(ChronoUnit.DAYS);
        final StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%n%s UTC  KPI changes seen: %,d   (today, P1D window from %s)%n",
                TIME.format(now), changesSeen, day));
        table.append(String.format(Locale.ROOT, "  %-28s %14s %10s %8s%n", "org / all", "value", "num", "den"));
        for (final String kpi : ORG_KPIS) {
            final KpiChange change = latest.get(key(kpi, "org", "all", day));
            table.append(String.format(Locale.ROOT, "  %-28s %14s %10s %8s%n", kpi, value(change),
                    change == null ? "-" : number(change.getNumerator()), change == null ? "-" : number(change.getDenominator())));
        }
        final Map<String, KpiChange> teams = new TreeMap<>();
        latest.values().stream()
                .filter(change -> change.getKpi().equals("first_response_time") && change.getDimension().equals("team")
                        && change.getWindow().equals("P1D") && change.getWindowStart().equals(day))
                .forEach(change -> teams.put(change.getDimensionValue(), change));
        final List<String> cells = new ArrayList<>();
        teams.forEach((team, change) -> cells.add(team + " " + value(change)));
        table.append("  first_response_time by team: ").append(cells.isEmpty() ? "-" : String.join("   ", cells));
        return table.toString();
    }

    private static String key(final String kpi, final String dimension, final String value, final Instant day) {
        return KpiKeys.of(kpi, dimension, value, "P1D", day);
    }

    private static String value(final KpiChange change) {
        if (change == null || change.getValue() == null) {
            return "-";
        }
        return "seconds".equals(change.getUnit())
                ? String.format(Locale.ROOT, "%.1f s", change.getValue())
                : String.format(Locale.ROOT, "%.1f %%", change.getValue() * 100);
    }

    private static String number(final double number) {
        return number == Math.rint(number) ? String.format(Locale.ROOT, "%,.0f", number) : String.format(Locale.ROOT, "%,.1f", number);
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
