package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.producers.importer.EventImporter;
import com.salespulse.producers.importer.ImportSummary;
import com.salespulse.producers.importer.RosterImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** JSON Lines into sales.crm-events (and a roster into sales.reps), with progress and a summary. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports JSON Lines events into sales.crm-events, and optionally a roster into sales.reps.",
                "Bad lines go to the dead-letter topic with their reason and line number."})
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--input", required = true, paramLabel = "EVENTS.jsonl", description = "Events, one JSON object a line.")
    private Path input;

    @Option(names = "--roster", paramLabel = "REPS.jsonl", description = "Reps, one JSON object a line.")
    private Path roster;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(input)) {
            throw new IllegalArgumentException("no such file: " + input);
        }
        try (Cluster cluster = Cluster.connect(connection.load()).ensureTopics()) {
            if (roster != null) {
                try (RosterImporter importer = new RosterImporter(cluster.topics(), cluster.clientConfig())) {
                    System.out.println("Roster " + importer.importFile(roster, Progress::print).describe());
                }
            }
            try (EventImporter importer = new EventImporter(cluster.topics(), cluster.clientConfig())) {
                final ImportSummary summary = importer.importFile(input, Progress::print);
                Progress.done();
                System.out.println("Imported " + summary.describe());
            }
        }
        return 0;
    }
}
