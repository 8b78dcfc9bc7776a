package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.producers.importer.CsvProfile;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.ImportCheckpoint;
import com.salespulse.producers.importer.ImportOptions;
import com.salespulse.producers.importer.ImportSummary;
import com.salespulse.producers.importer.RosterImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** JSON Lines or CRM CSV exports into sales.crm-events (and a roster into sales.reps), resumable, with progress. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {
                "Imports events into sales.crm-events: JSON Lines (DESIGN.md section 5),",
                "or a CSV export (a .csv name or --format csv) mapped by --profile;",
                "optionally a roster into sales.reps. Bad lines and rows go to the",
                "dead-letter topic with their reason and line number.",
                "Every --checkpoint-every lines it waits for Kafka's acknowledgements and",
                "records the line in <input>.import-state; after an interruption,",
                "--resume skips what was acknowledged (never automatic). Rows without an",
                "eventId get one derived from their content, so a re-import sends the same",
                "eventIds and the pipeline counts nothing twice (dedup horizon 7 days).",
                "",
                "CSV profiles (first non-blank column wins; no type column: LEAD_CREATED):",
                "  hubspot     Record ID|Contact ID -> leadId",
                "              Activity Date|Create Date -> occurredAt",
                "              HubSpot Owner ID|Contact owner -> repId",
                "              Original Source|Latest Source -> channel",
                "              Region|Country/Region -> region",
                "              Lifecycle Stage -> stage, Event Type|Activity Type -> type",
                "              Deal ID -> opportunityId, Amount, Campaign -> campaignId",
                "  salesforce  Lead ID -> leadId, Activity Date|Created Date -> occurredAt",
                "              Lead Owner ID|Lead Owner -> repId, Lead Source -> channel",
                "              Region|Country -> region, Status|Lead Status -> stage",
                "              Event Type|Activity Type -> type",
                "              Opportunity ID -> opportunityId, Amount, Campaign ID",
                "  native      columns named like the JSON fields (eventId, type, ...)",
                "Timestamps: ISO-8601 with Z or an offset; 2026-11-02 09:00[:00];",
                "11/2/2026 9:00 AM; 2026-11-02; epoch milliseconds. Without an offset,",
                "in --zone.",
                ""})
public final class ImportCommand implements Callable<Integer> {
    private static final int BAR_WIDTH = 30;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--input", required = true, paramLabel = "FILE",
            description = "Events: JSON Lines (one object a line) or CSV.")
    private Path input;

    @Option(names = "--format", paramLabel = "jsonl|csv",
            description = "The input's format (default: csv for a .csv file, else jsonl).")
    private String format;

    @Option(names = "--profile", paramLabel = "hubspot|salesforce|native", defaultValue = "native",
            description = "Column mapping of a CSV input (default: ${DEFAULT-VALUE}).")
    private String profile;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "Time zone of CSV timestamps without an offset (default: ${DEFAULT-VALUE}).")
    private String zone;

    @Option(names = "--resume",
            description = "Skip the lines <input>.import-state records as acknowledged (it must match the file).")
    private boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "LINES", defaultValue = "10000",
            description = "Lines between checkpoints (default: ${DEFAULT-VALUE}).")
    private long checkpointEvery;

    @Option(names = "--progress", description = "Show the progress bar even when stderr is not a terminal.")
    private boolean progress;

    @Option(names = "--roster", paramLabel = "REPS.jsonl", description = "Reps, one JSON object a line.")
    private Path roster;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no such file: " + input);
        }
        ImportOptions options = ImportOptions.defaults()
                .withProfile(CsvProfile.named(profile))
                .withZone(ZoneId.of(zone))
                .withResume(resume)
                .withCheckpointEvery(checkpointEvery);
        if (format != null) {
            options = options.withFormat(ImportOptions.Format.named(format));
        }
        if (!resume && ImportCheckpoint.read(input).isPresent()) {
            System.err.println("Note: " + ImportCheckpoint.pathOf(input).getFileName() + " exists from an interrupted"
                    + " import; importing from the start (use --resume to skip what was acknowledged).");
        }
        final Progress bar = new Progress(progress || System.console() != null, BAR_WIDTH);
        try (Cluster cluster = Cluster.connect(connection.load()).ensureTopics()) {
            if (roster != null) {
                try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                    System.out.println("Roster " + importer.importFile(roster, bar::print).describe());
                }
                bar.done();
            }
            try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
                final ImportSummary summary = importer.importFile(input, options, bar::print);
                bar.done();
                System.out.println("Imported " + summary.describe());
            }
        }
        return 0;
    }
}
