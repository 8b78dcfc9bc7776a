package com.salespulse.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM, turned into a signal the command's main thread waits for. The JVM
 * does not wait for the main thread once its shutdown hooks are done, so the hook waits until the
 * command has closed everything ({@link #close()}), for at most {@link #CLEANUP}.
 */
final class ShutdownSignal implements AutoCloseable {
    private static final Duration CLEANUP = Duration.ofSeconds(45);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    private final Thread hook;

    ShutdownSignal() {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                cleanedUp.await(CLEANUP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "salespulse-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code timeout}; true once a stop was requested. */
    boolean await(final Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        cleanedUp.countDown();
        if (requested.getCount() > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (final IllegalStateException alreadyShuttingDown) {
                // The JVM is going down anyway; the hook has been released above.
            }
        }
    }
}
