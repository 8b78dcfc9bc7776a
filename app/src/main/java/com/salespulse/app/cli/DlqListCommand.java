package com.salespulse.app.cli;

import com.salespulse.app.Cluster;
import com.salespulse.app.dlq.DeadLetterFilter;
import com.salespulse.app.dlq.DeadLetterListing;
import com.salespulse.app.dlq.DeadLetterRecord;
import com.salespulse.app.dlq.DeadLetterTopic;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code salespulse dlq list}: a count per reason, then one line per dead letter, never a payload. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Reads the dead-letter topic from the beginning (committed records only) and prints a count per",
                "reason, then one line per dead letter: position (partition@offset), time, reason, source",
                "(topic-partition@offset, or file:line for a line of an import file), whether it was sent back,",
                "and the detail. Never the key or the value."})
public final class DlqListCommand implements Callable<Integer> {
    static final Duration READ_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(1);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--reason", paramLabel = "REASON",
            description = "Only this reason, e.g. bad_value, late, malformed_json, malformed_avro, missing_field.")
    private String reason;

    @Option(names = "--since", paramLabel = "ISO",
            description = "Only dead letters written at or after this instant or date, e.g. 2026-11-02T10:00:00Z.")
    private String since;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N lines (default ${DEFAULT-VALUE}); the counts cover every dead letter.")
    private long limit;

    @Option(names = "--json", description = "JSON Lines of the same fields, for tools; the counts go to standard error.")
    private boolean json;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must not be negative");
        }
        final DeadLetterFilter filter = new DeadLetterFilter(reason == null ? null : DeadLetterFilter.reasonTag(reason),
                since == null ? null : DeadLetterFilter.instant(since), null);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        try (Cluster cluster = Cluster.connect(connection.load())) {
            final DeadLetterTopic topic = new DeadLetterTopic(cluster.config().bootstrapServers(), cluster.topics(),
                    READ_TIMEOUT);
            final Set<String> existing = topicNames(cluster);
            if (!existing.contains(topic.name())) {
                err.println(topic.name() + " does not exist (yet): no dead letters");
                err.flush();
                return 0;
            }
            final Map<String, String> replayed = existing.contains(cluster.topics().dlqReplays().name())
                    ? topic.replayed() : Map.of();
            final DeadLetterListing listing = new DeadLetterListing(filter, replayed, limit, !json);
            final ProgressLine progress = new ProgressLine(err);
            topic.forEach(record -> {
                final DeadLetterRecord line = listing.add(record);
                if (json && line != null) {
                    out.println(listing.json(line));
                }
                progress.update(() -> String.format(Locale.ROOT, "%,d dead letters read", listing.read()));
            });
            progress.done();
            if (json) {
                out.flush();
                err.println(listing.summaryLine(topic.name()) + reasons(listing));
                err.flush();
            } else {
                listing.printText(topic.name(), out);
            }
        }
        return 0;
    }

    /** Reading a topic that does not exist would wait for its metadata until the read's timeout. */
    private static Set<String> topicNames(final Cluster cluster) {
        try {
            return cluster.admin().listTopics().names().get(ADMIN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics of " + cluster.config().bootstrapServers(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    private static String reasons(final DeadLetterListing listing) {
        final StringBuilder text = new StringBuilder();
        listing.byReason().forEach((tag, count) -> text.append(text.length() == 0 ? " (" : ", ")
                .append(tag).append(' ').append(count));
        return text.length() == 0 ? "" : text.append(')').toString();
    }
}
