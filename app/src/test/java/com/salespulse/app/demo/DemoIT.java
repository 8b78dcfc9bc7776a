package com.salespulse.app.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * <p>The demo runs as a separate JVM, so that the signal reaches a real process and the JVM's own
 * shutdown sequence is what is tested. A parent that runs without a terminal may start it with
 * SIGINT ignored, and a JVM does not handle an inherited ignored SIGINT; then the test sends
 * SIGTERM, which takes the same shutdown path (and is what {@code docker stop} sends).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "signals are sent with kill")
class DemoIT {
    private static final Logger LOG = LoggerFactory.getLogger(DemoIT.class);
    /** Failsafe runs in the module directory, after package built the shaded jar there. */
    private static final Path JAR = Path.of("target", "salespulse.jar").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration KPIS_CHANGE = Duration.ofSeconds(60);
    /** As long as the demo's shutdown hook waits for the cleanup. */
    private static final Duration STOP = Duration.ofSeconds(45);
    private static final Pattern BROKER = Pattern.compile("^ {2}Kafka broker: +\\S+:(\\d+)$");
    private static final Pattern REGISTRY = Pattern.compile("^ {2}Schema registry: +https?://\\S+:(\\d+)$");

    @TempDir
    Path work;

    private Process demo;
    private Console console;
    private String stderr = "(not started)";

    @RegisterExtension
    final TestWatcher printConsoleOnFailure = new TestWatcher() {
        @Override
        public void testFailed(final ExtensionContext context, final Throwable cause) {
            // Synthetic traffic and KPI values only: nothing private in the demo's console.
            LOG.warn("demo stdout:\n{}", console == null ? "(not started)" : String.join("\n", console.lines()));
            LOG.warn("demo stderr:\n{}", stderr);
        }
    };

    @AfterEach
    void destroyDemo() throws InterruptedException {
        if (demo != null && demo.isAlive()) {
            demo.destroyForcibly();
            demo.waitFor(10, TimeUnit.SECONDS);
        }
        // Read now: the temporary directory is gone by the time a failure is reported.
        stderr = readStderr();
    }

    @Test
    void shouldShowChangingKpisAndStopCleanlyWhenInterrupted() throws Exception {
        // Given the demo started from the runnable jar on a fresh data dir
        assertThat(JAR).as("the shaded jar that package builds").isRegularFile();
        final long launched = System.nanoTime();
        demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", JAR.toString(), "demo", "--data-dir", work.resolve("demo").toString(), "--refresh", "PT2S")
                .redirectError(work.resolve("stderr.log").toFile())
                .start();
        console = new Console(demo.getInputStream());
        assertThat(console.await(lines -> find(lines, "Ctrl-C stops it."), STARTUP))
                .as("the demo printed its addresses within %s", STARTUP).isPresent();
        assertThat(console.lines()).contains("SalesPulse demo is running.");
        final int brokerPort = console.await(lines -> port(lines, BROKER), Duration.ZERO).orElseThrow();
        final int registryPort = console.await(lines -> port(lines, REGISTRY), Duration.ZERO).orElseThrow();
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
        final Signal signal = ignoresSigint(demo.pid()) ? Signal.SIGTERM : Signal.SIGINT;
        if (signal == Signal.SIGTERM) {
            LOG.warn("the demo inherited an ignored SIGINT (SigIgn of /proc/{}/status), so the JVM has no handler "
                    + "for it: sending SIGTERM, which runs the same shutdown hooks", demo.pid());
        }
        final long interrupted = System.nanoTime();
        signal.sendTo(demo.pid());

        // Then it stops cleanly within the deadline, exits as a JVM does after running its hooks on that
        // signal, and leaves nothing listening
        assertThat(demo.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)).as("the demo stopped within %s", STOP).isTrue();
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

    private static Optional<String> find(final List<String> lines, final String line) {
        return lines.stream().filter(line::equals).findFirst();
    }

    private static Optional<Integer> port(final List<String> lines, final Pattern pattern) {
        return lines.stream().map(pattern::matcher).filter(Matcher::matches)
                .map(matcher -> Integer.parseInt(matcher.group(1))).findFirst();
    }

    /** Whether {@code pid} ignores SIGINT, from the SigIgn mask of Linux's procfs (false without procfs). */
    private static boolean ignoresSigint(final long pid) throws IOException {
        final Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        final long sigintBit = 1L << (Signal.SIGINT.number - 1);
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(ignored -> (ignored & sigintBit) != 0);
    }

    private static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (final IOException inUse) {
            return false;
        }
    }

    private String readStderr() {
        try {
            final Path file = work.resolve("stderr.log");
            return Files.isRegularFile(file) ? Files.readString(file) : "(none)";
        } catch (final IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static long millisSince(final long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private enum Signal {
        SIGINT(2), SIGTERM(15);

        private final int number;

        Signal(final int number) {
            this.number = number;
        }

        void sendTo(final long pid) throws IOException, InterruptedException {
            final String option = "-" + name().substring("SIG".length());
            final Process kill = new ProcessBuilder("kill", option, Long.toString(pid)).inheritIO().start();
            assertThat(kill.waitFor()).as("kill's exit code").isZero();
        }

        /** How a JVM exits when this signal started its shutdown. */
        int exitCode() {
            return 128 + number;
        }
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

    /** The demo's stdout, read line by line on its own thread; waits with deadlines, not sleeps. */
    private static final class Console {
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;
        private boolean ended;

        Console(final InputStream stdout) {
            reader = new Thread(() -> read(stdout), "demo-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        private void read(final InputStream stdout) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (final IOException closed) {
                // The process was destroyed under the reader: the lines so far are all there is.
            } finally {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }

        /** What {@code probe} finds in the lines so far, waiting up to {@code timeout} for more lines. */
        synchronized <T> Optional<T> await(final Function<List<String>, Optional<T>> probe, final Duration timeout)
                throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                final Optional<T> found = probe.apply(lines);
                final long left = deadline - System.nanoTime();
                if (found.isPresent() || ended || left <= 0) {
                    return found;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        boolean awaitEnd(final Duration timeout) throws InterruptedException {
            reader.join(timeout.toMillis());
            return !reader.isAlive();
        }
    }
}
