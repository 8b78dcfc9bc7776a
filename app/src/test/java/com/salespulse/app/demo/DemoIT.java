package com.salespulse.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.app.demo.DemoProcess.Signal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's acceptance criterion on the runnable jar, as a user runs it: {@code salespulse demo}
 * shows KPI values changing within 60 seconds and stops cleanly on Ctrl-C.
 *
 * <p>The demo runs as a separate JVM ({@link DemoProcess}), so that the signal reaches a real process
 * and the JVM's own shutdown sequence is what is tested. A parent that runs without a terminal may
 * start it with SIGINT ignored, and a JVM does not handle an inherited ignored SIGINT; then the test
 * sends SIGTERM, which takes the same shutdown path (and is what {@code docker stop} sends).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "signals are sent with kill")
class DemoIT {
    private static final Logger LOG = LoggerFactory.getLogger(DemoIT.class);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration KPIS_CHANGE = Duration.ofSeconds(60);
    /** As long as the demo's shutdown hook waits for the cleanup. */
    private static final Duration STOP = Duration.ofSeconds(45);
    private static final Pattern BROKER = Pattern.compile("^ {2}Kafka broker: +\\S+:(\\d+)$");
    private static final Pattern REGISTRY = Pattern.compile("^ {2}Schema registry: +https?://\\S+:(\\d+)$");

    @TempDir
    Path work;

    private DemoProcess demo;
    private String stderr = "(not started)";

    @RegisterExtension
    final TestWatcher printConsoleOnFailure = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            // Synthetic traffic and KPI values only: nothing private in the demo's console.
            LOG.warn("demo stdout:\n{}", demo == null ? "(not started)" : String.join("\n", demo.console().lines()));
            LOG.warn("demo stderr:\n{}", stderr);
        }
    };

    @AfterEach
    void destroyDemo() throws InterruptedException {
        if (demo != null) {
            demo.close();
            // Read now: the temporary directory is gone by the time a failure is reported.
            stderr = demo.stderr();
        }
    }

    @Test
    void shouldShowChangingKpisAndStopCleanlyWhenInterrupted() throws Exception {
        // Given the demo started from the runnable jar on a fresh data dir
        final long launched = System.nanoTime();
        demo = DemoProcess.start(work, "--refresh", "PT2S");
        final DemoProcess.Console console = demo.console();
        assertThat(console.awaitLine(DemoProcess.RUNNING, STARTUP))
                .as("the demo printed its addresses within %s", STARTUP).isPresent();
        assertThat(console.lines()).contains("SalesPulse demo is running.");
        final int brokerPort = demo.port(BROKER, Duration.ZERO).orElseThrow();
        final int registryPort = demo.port(REGISTRY, Duration.ZERO).orElseThrow();
        LOG.info("demo running after {} ms, broker port {}, registry port {}",
                millisSince(launched), brokerPort, registryPort);

        // When it runs for up to a minute
        final long running = System.nanoTime();
        final Optional<Change> change = console.await(DemoIT::firstChange, KPIS_CHANGE);

        // Then two of its tables show a real organisation KPI value that changed, and more KPI changes seen
        assertThat(change).as("two tables with a changed org KPI value within %s", KPIS_CHANGE).isPresent();
        final KpiTable before = change.orElseThrow().before();
        final KpiTable after = change.orElseThrow().after();
        assertThat(before.orgValues().values()).as("org KPIs shown as numbers, not -").anyMatch(KpiTable::isNumber);
        assertThat(after.orgValues()).isNotEqualTo(before.orgValues());
        assertThat(after.changesSeen()).isGreaterThan(before.changesSeen());
        LOG.info("KPIs changed {} ms after the demo was running: {} ({} changes seen) -> {} ({} changes seen)",
                millisSince(running), before.orgValues(), before.changesSeen(), after.orgValues(), after.changesSeen());

        // When Ctrl-C is pressed (SIGTERM if this process was started with SIGINT ignored)
        final Signal signal = demo.ignoresSigint() ? Signal.SIGTERM : Signal.SIGINT;
        if (signal == Signal.SIGTERM) {
            LOG.warn("the demo inherited an ignored SIGINT (SigIgn of /proc/{}/status), so the JVM has no handler "
                    + "for it: sending SIGTERM, which runs the same shutdown hooks", demo.pid());
        }
        final long interrupted = System.nanoTime();
        demo.send(signal);

        // Then it stops cleanly within the deadline, exits as a JVM does after running its hooks on that
        // signal, and leaves nothing listening
        assertThat(demo.waitFor(STOP)).as("the demo stopped within %s", STOP).isTrue();
        LOG.info("demo stopped {} ms after {}, exit code {}", millisSince(interrupted), signal, demo.exitValue());
        assertThat(console.awaitEnd(Duration.ofSeconds(5))).as("the demo's stdout was read to its end").isTrue();
        assertThat(console.lines()).endsWith("Stopping...", "Stopped cleanly.");
        assertThat(demo.exitValue()).isEqualTo(signal.exitCode());
        assertThat(isFree(brokerPort)).as("broker port %d free again", brokerPort).isTrue();
        assertThat(isFree(registryPort)).as("registry port %d free again", registryPort).isTrue();
    }

    /**
     * The first table showing an organisation KPI as a number, and the first later table in which
     * one of those numbers differs.
     */
    private static Optional<Change> firstChange(final List<String> lines) {
        final List<KpiTable> tables = KpiTable.parseAll(lines);
        final Optional<KpiTable> first = tables.stream().filter(KpiTable::showsANumber).findFirst();
        return first.flatMap(before -> tables.subList(tables.indexOf(before) + 1, tables.size()).stream()
                .filter(after -> before.orgValues().entrySet().stream()
                        .anyMatch(kpi -> KpiTable.isNumber(kpi.getValue())
                                && KpiTable.isNumber(after.orgValues().get(kpi.getKey()))
                                && !kpi.getValue().equals(after.orgValues().get(kpi.getKey()))))
                .findFirst()
                .map(after -> new Change(before, after)));
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (final IOException inUse) {
            return false;
        }
    }

    private static long millisSince(final long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** A table, and a later one in which an organisation KPI shown as a number changed. */
    private record Change(KpiTable before, KpiTable after) {
    }

    /** One printed table: the KPI changes seen so far and the organisation KPI values, as printed. */
    private record KpiTable(long changesSeen, Map<String, String> orgValues) {
        private static final Pattern HEADER =
                Pattern.compile("^\\d{2}:\\d{2}:\\d{2} UTC {2}KPI changes seen: ([\\d,]+) .*");
        private static final Pattern ORG_KPI = Pattern.compile("^ {2}(\\S+) +(-|\\d[\\d,]*\\.\\d [s%]) +\\S+ +\\S+$");
        private static final String LAST_LINE = "  first_response_time by team: ";

        /** The tables in {@code lines}, complete ones only (the last may still be arriving). */
        static List<KpiTable> parseAll(final List<String> lines) {
            final List<KpiTable> tables = new ArrayList<>();
            Long changesSeen = null;
            Map<String, String> values = new LinkedHashMap<>();
            for (final String line : lines) {
                final Matcher header = HEADER.matcher(line);
                final Matcher kpi = ORG_KPI.matcher(line);
                if (header.matches()) {
                    changesSeen = Long.parseLong(header.group(1).replace(",", ""));
                    values = new LinkedHashMap<>();
                } else if (changesSeen != null && kpi.matches()) {
                    values.put(kpi.group(1), kpi.group(2));
                } else if (changesSeen != null && line.startsWith(LAST_LINE)) {
                    tables.add(new KpiTable(changesSeen, Collections.unmodifiableMap(values)));
                    changesSeen = null;
                }
            }
            return tables;
        }

        static boolean isNumber(final String value) {
            return value != null && !"-".equals(value);
        }

        boolean showsANumber() {
            return orgValues.values().stream().anyMatch(KpiTable::isNumber);
        }
    }
}
