package com.salespulse.app.cli;

import com.salespulse.app.bench.Bench;
import com.salespulse.app.bench.BenchReport;
import com.salespulse.app.bench.BenchSettings;
import com.salespulse.kpi.catalog.KpiSelection;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark: throughput and latency of the full pipeline and of a KPI selection on the embedded stack, in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks the KPI pipeline on an embedded Kafka broker and schema registry, in one run:",
                "loads --events generated events spanning about --weeks weeks into sales.crm-events, times a plain",
                "consumer reading them, times the full catalog (exactly-once) processing and committing them from the",
                "earliest offset and counts the KpiChange records it published, times a pipeline publishing only the",
                "--kpis selection on the same events, then measures event-to-KpiChange latency of the full catalog at",
                "a fixed open-loop --rate. Progress goes to standard error, the summary to standard output, with the",
                "targets: full catalog >= 0.10 and KPI selection >= 0.20 of the raw consumer's rate; <= 2 KpiChange",
                "records per input event in the backfill; p99 latency <= 250 ms at 2,000 ev/s.",
                "Pipeline settings come from the environment as usual, e.g. SALESPULSE_COMMIT_INTERVAL_MS."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "Events to load and process (default: ${DEFAULT-VALUE}).")
    private int events;

    @Option(names = "--weeks", defaultValue = "6",
            description = "Weeks of sales work the events span, about: sets the leads a weekday (default: ${DEFAULT-VALUE}).")
    private int weeks;

    @Option(names = "--kpis", defaultValue = KpiSelection.CORE, paramLabel = "SELECTION",
            description = {"KPIs published by the second pipeline run: all, core or KPI names and name prefixes,",
                    "comma-separated (as salespulse.kpis); " + BenchSettings.NO_SELECTION + " skips that run (default: ${DEFAULT-VALUE})."})
    private String kpis;

    @Option(names = "--rate", defaultValue = "2000",
            description = "Open-loop rate of the latency phase, events per second (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--latency-duration", defaultValue = "PT30S", paramLabel = "ISO-8601",
            description = "How long latency is measured, after the warm-up (default: ${DEFAULT-VALUE}).")
    private Duration latencyDuration;

    @Option(names = "--warm-up", defaultValue = "PT5S", paramLabel = "ISO-8601",
            description = "How long the latency phase runs before it measures (default: ${DEFAULT-VALUE}).")
    private Duration warmUp;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the topics (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--threads", defaultValue = "1",
            description = "Kafka Streams num.stream.threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        final BenchSettings settings = new BenchSettings(events, weeks, kpis, rate, latencyDuration, warmUp, partitions,
                threads, seed);
        final BenchReport report = new Bench(settings, System.err::println).run();
        System.err.flush();
        System.out.println();
        report.lines().forEach(System.out::println);
        return 0;
    }
}
