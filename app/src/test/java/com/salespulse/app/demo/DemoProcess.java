package com.salespulse.app.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code salespulse demo} from the runnable jar as a separate JVM, as a user runs it: its standard
 * output read line by line on its own thread, its standard error in a file. Integration tests wait
 * on the console with deadlines and stop the process with a signal; {@link #close()} kills what is
 * still running.
 */
public final class DemoProcess implements AutoCloseable {
    /** Failsafe runs in the module directory, after package built the shaded jar there. */
    public static final Path JAR = Path.of("target", "salespulse.jar").toAbsolutePath();
    /** The line that ends the demo's start-up block. */
    public static final String RUNNING = "Ctrl-C stops it.";

    private final Process process;
    private final Console console;
    private final Path stderrFile;

    private DemoProcess(final Process process, final Path stderrFile) {
        this.process = process;
        this.console = new Console(process.getInputStream());
        this.stderrFile = stderrFile;
    }

    /**
     * Starts {@code java -Xmx1g -jar target/salespulse.jar demo --data-dir <work>/demo} with {@code options}
     * after them; standard error goes to {@code <work>/stderr.log}.
     */
    public static DemoProcess start(final Path work, final String... options) throws IOException {
        assertThat(JAR).as("the shaded jar that package builds").isRegularFile();
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", JAR.toString(), "demo", "--data-dir", work.resolve("demo").toString()));
        command.addAll(List.of(options));
        final Path stderr = work.resolve("stderr.log");
        return new DemoProcess(new ProcessBuilder(command).redirectError(stderr.toFile()).start(), stderr);
    }

    public Console console() {
        return console;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to end; false when it still runs after {@code timeout}. */
    public boolean waitFor(final Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The port of the first line of the console that {@code pattern} matches (group 1), waiting up to {@code timeout}. */
    public Optional<Integer> port(final Pattern pattern, final Duration timeout) throws InterruptedException {
        return console.await(lines -> lines.stream().map(pattern::matcher).filter(Matcher::matches)
                .map(matcher -> Integer.parseInt(matcher.group(1))).findFirst(), timeout);
    }

    /** What the demo wrote to standard error so far; read it before the temporary directory is gone. */
    public String stderr() {
        try {
            return Files.isRegularFile(stderrFile) ? Files.readString(stderrFile) : "(none)";
        } catch (final IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Kills the demo if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether the demo ignores SIGINT, from the SigIgn mask of Linux's procfs (false without procfs). */
    public boolean ignoresSigint() throws IOException {
        final Path status = Path.of("/proc", Long.toString(pid()), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        final long sigintBit = 1L << (Signal.SIGINT.number - 1);
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(ignored -> (ignored & sigintBit) != 0);
    }

    /** Sends {@code signal} with {@code kill}. */
    public void send(final Signal signal) throws IOException, InterruptedException {
        final String option = "-" + signal.name().substring("SIG".length());
        final Process kill = new ProcessBuilder("kill", option, Long.toString(pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill's exit code").isZero();
    }

    /** The signals the tests stop the demo with. */
    public enum Signal {
        SIGINT(2), SIGTERM(15);

        private final int number;

        Signal(final int number) {
            this.number = number;
        }

        /** How a JVM exits when this signal started its shutdown. */
        public int exitCode() {
            return 128 + number;
        }
    }

    /** The demo's stdout, read line by line on its own thread; waits with deadlines, not sleeps. */
    public static final class Console {
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
        public synchronized <T> Optional<T> await(final Function<List<String>, Optional<T>> probe, final Duration timeout)
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

        /** The first line equal to {@code line}, waiting up to {@code timeout}. */
        public Optional<String> awaitLine(final String line, final Duration timeout) throws InterruptedException {
            return await(all -> all.stream().filter(line::equals).findFirst(), timeout);
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        public boolean awaitEnd(final Duration timeout) throws InterruptedException {
            reader.join(timeout.toMillis());
            return !reader.isAlive();
        }
    }
}
