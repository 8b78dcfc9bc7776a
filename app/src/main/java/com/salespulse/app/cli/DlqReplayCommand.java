package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.app.dlq.DeadLetterFilter;
import com.salespulse.app.dlq.DeadLetterReplay;
import com.salespulse.app.dlq.DeadLetterTopic;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salespulse dlq replay}: sends the dead letters of one reason back to their topic, each at most once. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Sends the dead letters of one reason back for processing, after the fix that makes them good",
                "(e.g. a currency rate added to salespulse.currency.rates and the pipeline restarted): a record from",
                "sales.crm-events goes back there with its original key and value; a line of an import file goes to",
                "sales.crm-events only if it now parses. Each dead letter is sent back at most once (the markers",
                "are in sales.dlq-replays), in transactions. Prints a summary: sent back and skipped, by reason."})
public final class DlqReplayCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--reason", required = true, paramLabel = "REASON",
            description = "The reason of the dead letters to send back, e.g. bad_value or late.")
    private String reason;

    @Option(names = "--source-topic", paramLabel = "TOPIC",
            description = "Only dead letters from this topic, e.g. sales.crm-events (the topic prefix is added if missing).")
    private String sourceTopic;

    @Option(names = "--dry-run", description = "Decide and count, send nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Cluster cluster = Cluster.connect(connection.load()).ensureTopics()) {
            final String prefix = cluster.topics().prefix();
            final String topic = sourceTopic == null || sourceTopic.startsWith(prefix) ? sourceTopic : prefix + sourceTopic;
            final DeadLetterFilter filter = new DeadLetterFilter(DeadLetterFilter.reasonTag(reason), null, topic);
            final DeadLetterTopic deadLetters = new DeadLetterTopic(cluster.config().bootstrapServers(), cluster.topics(),
                    DlqListCommand.READ_TIMEOUT);
            final ProgressLine progress = new ProgressLine(err);
            final DeadLetterReplay.Summary summary = new DeadLetterReplay(deadLetters, cluster.topics(),
                    cluster.clientConfig()).run(filter, dryRun, line -> progress.update(() -> line));
            progress.done();
            out.println((dryRun ? "Dry run: " : "Replay done: ") + summary.describe());
            out.flush();
        }
        return 0;
    }
}
