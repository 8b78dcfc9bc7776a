package com.salespulse.app.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the CPU went during a phase, in cores (CPU seconds per wall second): this JVM, its Kafka
 * Streams threads, and the whole machine. On a shared 2-core machine the difference between the
 * machine and this JVM is what others took, which a throughput figure alone does not show.
 *
 * @param process       this JVM (broker, pipeline, bench clients)
 * @param streamThreads the pipeline's stream threads
 * @param machine       every process on the machine; negative when unknown (no /proc/stat)
 */
public record CpuUsage(double process, double streamThreads, double machine) {
    private static final String STREAM_THREAD = "-StreamThread-";

    /** "process 1.40 cores (stream threads 0.95), machine 1.97 of 2 busy". */
    public String describe() {
        final String machinePart = machine < 0 ? "machine n/a"
                : String.format(Locale.ROOT, "machine %.2f of %d busy", machine, Runtime.getRuntime().availableProcessors());
        return String.format(Locale.ROOT, "process %.2f cores (stream threads %.2f), %s", process, streamThreads,
                machinePart);
    }

    /** Starts measuring; {@link Mark#usage()} gives the usage since. */
    public static Mark mark() {
        return new Mark(System.nanoTime(), processCpuNanos(), streamThreadCpuNanos(), MachineTicks.read());
    }

    /** A starting point. */
    public record Mark(long wallNanos, long processNanos, long streamNanos, MachineTicks machine) {

        public CpuUsage usage() {
            final double wall = Math.max(1, System.nanoTime() - wallNanos);
            final MachineTicks now = MachineTicks.read();
            final double machineCores = machine == null || now == null || now.total() == machine.total() ? -1
                    : (double) (now.busy() - machine.busy()) / (now.total() - machine.total())
                    * Runtime.getRuntime().availableProcessors();
            // Stream threads that ended during the phase are not counted; the pipeline's live for the whole phase.
            return new CpuUsage((processCpuNanos() - processNanos) / wall,
                    Math.max(0, streamThreadCpuNanos() - streamNanos) / wall, machineCores);
        }
    }

    /** Busy and total jiffies of all CPUs, from the first line of /proc/stat. */
    record MachineTicks(long busy, long total) {

        static MachineTicks read() {
            try {
                final String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < fields.length; i++) {
                    total += Long.parseLong(fields[i]);
                }
                final long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
                return new MachineTicks(total - idle, total);
            } catch (final IOException | RuntimeException unavailable) {
                return null;
            }
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static long streamThreadCpuNanos() {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (final Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains(STREAM_THREAD)) {
                sum += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return sum;
    }
}
