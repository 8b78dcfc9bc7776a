package com.salespulse.app.cli;

import com.salespulse.app.replay.Replay;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.stack.EmbeddedStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Self-contained replay of an event file on the embedded stack, exporting the latest KPI values. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Starts an embedded Kafka broker and schema registry, imports the events (and roster), runs the",
                "pipeline until every record is processed, and writes the latest value of every KPI as JSON Lines.",
                "Bad records go to the dead-letter topic and are counted in the summary; they do not fail the replay."})
public final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, paramLabel = "EVENTS.jsonl", description = "Events, one JSON object a line.")
    private Path input;

    @Option(names = "--roster", paramLabel = "REPS.jsonl", description = "Reps, one JSON object a line.")
    private Path roster;

    @Option(names = "--export", required = true, paramLabel = "KPIS.jsonl", description = "Where the KPI values are written.")
    private Path export;

    @Override
    public Integer call() throws IOException {
        requireFile(input);
        if (roster != null) {
            requireFile(roster);
        }
        final Path work = Files.createTempDirectory("salespulse-replay");
        try (EmbeddedStack stack = EmbeddedStack.start(EmbeddedStack.Options.ephemeral())) {
            final SalesPulseConfig config = SalesPulseConfig.load(null, System.getenv())
                    .with(SalesPulseConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers())
                    .with(SalesPulseConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl())
                    .with(SalesPulseConfig.APPLICATION_ID, "salespulse-replay")
                    .with(SalesPulseConfig.STATE_DIR, work.resolve("state").toString());
            final Replay.Result result = new Replay(config, System.err::println).run(input, roster, export);
            System.out.println(result.summaryLine());
            return 0;
        } finally {
            deleteRecursively(work);
        }
    }

    private static void requireFile(final Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
    }

    static void deleteRecursively(final Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
