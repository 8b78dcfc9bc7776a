package com.salespulse.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.kpi.config.SalesPulseConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code salespulse run} from the runnable jar in a JVM of its own, so that a test can kill it with
 * SIGKILL as a crash would, mid-transaction, and start the pipeline again on the same state.
 */
public final class RunProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "salespulse.jar").toAbsolutePath();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private RunProcess(final Process process) {
        this.process = process;
    }

    /**
     * Runs {@code salespulse run --config FILE} with {@code keys} of {@code config} (and any free HTTP port) and
     * waits until it says it is running.
     *
     * @param work where the configuration file is written
     */
    public static RunProcess start(final SalesPulseConfig config, final List<String> keys, final Path work,
                                   final Duration timeout) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar that package builds").isRegularFile();
        final Path file = Files.createTempFile(work, "salespulse", ".properties");
        final Properties properties = new Properties();
        keys.forEach(key -> properties.setProperty(key, config.get(key)));
        // Any free port: the customary 8080 may be taken on a test machine.
        properties.setProperty(SalesPulseConfig.HTTP_PORT, "0");
        try (Writer writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "salespulse run of a test");
        }
        final RunProcess run = new RunProcess(new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", JAR.toString(), "run", "--config", file.toString())
                .redirectErrorStream(true)
                .start());
        run.readOutput();
        final Instant deadline = Instant.now().plus(timeout);
        while (run.process.isAlive() && run.output.stream().noneMatch(line -> line.contains(" running against "))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(run.process.isAlive()).as("salespulse run started").isTrue();
        return run;
    }

    /** SIGKILL, as a crash: no shutdown hook runs, an open transaction is left to be aborted. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("the killed pipeline is gone").isTrue();
    }

    /** What the process printed so far, for a failing test's report. */
    public String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void readOutput() {
        final Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (final IOException | UncheckedIOException ended) {
                // The process was killed.
            }
        }, "salespulse-run-output");
        reader.setDaemon(true);
        reader.start();
    }
}
