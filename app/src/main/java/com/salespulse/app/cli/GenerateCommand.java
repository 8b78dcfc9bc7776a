package com.salespulse.app.cli;

import com.salespulse.events.Rep;
import com.salespulse.events.SalesEvent;
import com.salespulse.producers.generator.CrmGenerator;
import com.salespulse.producers.generator.GeneratorConfig;
import com.salespulse.producers.generator.JsonLinesWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Synthetic CRM traffic from a seeded simulation of a sales floor, written as JSON Lines. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates synthetic CRM traffic: a roster of reps in teams and regions, and leads from several",
                "channels going through the funnel. The same seed gives the same file. The events file is accepted",
                "by 'salespulse replay --input' and 'salespulse import --input'."})
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "EVENTS.jsonl", description = "Where the events are written.")
    private Path out;

    @Option(names = "--roster-out", paramLabel = "REPS.jsonl",
            description = "Where the roster is written (default: reps.jsonl beside the events file).")
    private Path rosterOut;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--leads", defaultValue = "3000", description = "Leads to create (default: ${DEFAULT-VALUE}).")
    private int leads;

    @Option(names = "--start", defaultValue = "2026-11-02T00:00:00Z",
            description = "Simulated time the traffic starts at, an ISO-8601 instant (default: ${DEFAULT-VALUE}).")
    private Instant start;

    @Option(names = "--malformed", defaultValue = "0",
            description = "Bad lines to mix in, to see them dead-lettered (default: ${DEFAULT-VALUE}).")
    private int malformed;

    @Override
    public Integer call() throws IOException {
        final GeneratorConfig config = GeneratorConfig.of(seed, leads).withStart(start).withMalformedLines(malformed);
        final CrmGenerator generator = new CrmGenerator(config);
        final List<Rep> roster = generator.roster();
        final List<SalesEvent> events = generator.generate();
        final Path rosterFile = rosterOut != null ? rosterOut : out.toAbsolutePath().resolveSibling("reps.jsonl");
        final JsonLinesWriter.Summary summary = JsonLinesWriter.of(config).writeEvents(events, out);
        JsonLinesWriter.writeRoster(roster, rosterFile);
        System.out.printf("Wrote %,d events for %,d leads (%,d malformed lines) to %s and %d reps to %s%n",
                summary.events(), leads, summary.malformedLineNumbers().size(), out, roster.size(), rosterFile);
        return 0;
    }
}
