package com.salespulse.testkit;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;

/**
 * Which stack the tests get: the one {@value #PROPERTY} names, else containers where a Docker
 * engine answers, else the embedded stack.
 *
 * @param containers true for Testcontainers, false for the embedded stack
 * @param reason     why, for the log
 */
record StackChoice(boolean containers, String reason) {
    /** {@code -Dsalespulse.test.stack=embedded|containers} forces a choice; unset or {@code auto} decides by Docker. */
    static final String PROPERTY = "salespulse.test.stack";

    /** @param forced the value of {@value #PROPERTY}, null when unset */
    static StackChoice choose(final String forced, final BooleanSupplier dockerAvailable) {
        final String value = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "embedded":
                return new StackChoice(false, "forced by -D" + PROPERTY + "=embedded");
            case "containers":
                return new StackChoice(true, "forced by -D" + PROPERTY + "=containers");
            case "":
            case "auto":
                return dockerAvailable.getAsBoolean()
                        ? new StackChoice(true, "a Docker engine is available")
                        : new StackChoice(false, "no Docker engine is available");
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced
                        + " is not a stack; use embedded, containers or auto");
        }
    }

    /** Whether Testcontainers finds a Docker engine; any failure to tell means no. */
    static boolean isDockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (final RuntimeException | LinkageError e) {
            return false;
        }
    }
}
