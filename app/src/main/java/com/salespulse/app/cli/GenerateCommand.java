package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.app.demo.Traffic;
import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import com.salespulse.producers.generator.LiveTraffic;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Synthetic CRM traffic from a seeded simulation of a sales floor: written as JSON Lines with
 * {@code --out}, or sent live to sales.crm-events without it.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates synthetic CRM traffic: a roster of reps in teams and regions, and leads from several",
                "channels going through the funnel.",
                "With --out: writes a file (the same seed gives the same file) that 'salespulse replay --input' and",
                "'salespulse import --input' accept. Without --out: sends the roster to sales.reps and live events to",
                "sales.crm-events, --speed simulated seconds per real second, until stopped or --duration has passed."})
public final class GenerateCommand implements Callable<Integer> {

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--out", paramLabel = "EVENTS.jsonl", description = "Write the events to this file.")
    private Path out;

    @Option(names = "--roster-out", paramLabel = "REPS.jsonl",
            description = "Where the roster is written (default: reps.jsonl beside the events file).")
    private Path rosterOut;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--leads", defaultValue = "3000", description = "Leads to create in a file (default: ${DEFAULT-VALUE}).")
    private int leads;

    @Option(names = "--start", defaultValue = "2026-11-02T00:00:00Z",
            description = "Simulated time a file starts at, an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--malformed", defaultValue = "0",
            description = "Bad lines to mix into a file, to see them dead-lettered (default: ${DEFAULT-VALUE}).")
    private int malformed;

    @Option(names = "--speed", defaultValue = "60",
            description = "Live: simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    private double speed;

    @Option(names = "--leads-per-day", defaultValue = "4000",
            description = "Leads a simulated weekday brings (default: ${DEFAULT-VALUE}).")
    private int leadsPerDay;

    @Option(names = "--duration", paramLabel = "ISO-8601",
            description = "Live: stop after this long, e.g. PT10M (default: until stopped).")
    private Duration duration;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return out != null ? writeFile() : sendLive();
    }

    private int writeFile() throws IOException {
        final GeneratorConfig config = GeneratorConfig.of(seed, leads).withStart(start).withLeadsPerDay(leadsPerDay)
                .withMalformedLines(malformed);
        final CrmGenerator generator = new CrmGenerator(config);
        final List<Rep> roster = generator.roster();
        final List<SalesEvent> events = generator.generate();
        final Path rosterFile = rosterOut != null ? rosterOut : out.toAbsolutePath().resolveSibling("reps.jsonl");
        final long written = JsonLinesWriter.of(config).writeEvents(events, out).events();
        JsonLinesWriter.writeRoster(roster, rosterFile);
        System.out.printf("Wrote %,d events for %,d leads (%,d malformed lines) to %s and %d reps to %s%n",
                written, leads, malformed, out, roster.size(), rosterFile);
        return 0;
    }

    private int sendLive() throws InterruptedException {
        final Instant until = duration == null ? Instant.MAX : Instant.now().plus(duration);
        try (ShutdownSignal shutdown = new ShutdownSignal();
             Cluster cluster = Cluster.connect(connection.load()).ensureTopics();
             LiveTraffic live = Traffic.start(cluster, Traffic.live(leadsPerDay), speed)) {
            System.out.printf("Sending live CRM traffic to %s on %s. Ctrl-C stops it.%n",
                    cluster.topics().crmEvents().name(), cluster.config().bootstrapServers());
            while (!shutdown.await(Duration.ofSeconds(10)) && Instant.now().isBefore(until)) {
                System.out.printf("  events sent: %,d   simulated time: %s%n", live.sent(), live.simulatedTime());
            }
            System.out.printf("Stopped after %,d events.%n", live.sent());
        }
        return 0;
    }
}
