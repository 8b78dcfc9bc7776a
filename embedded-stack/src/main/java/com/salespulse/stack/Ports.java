package com.salespulse.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Choosing listening ports: a customary one where it is free, any free one otherwise. */
public final class Ports {
    private Ports() {
    }

    static int requireValid(final int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, not " + port);
        }
        return port;
    }

    /**
     * {@code preferred} when nothing listens on it, otherwise (or when it is 0) a free port.
     *
     * <p>The check binds the wildcard address, which conflicts with a listener on any interface.
     * Another process can still take the port between this check and the broker's bind; the
     * broker's start then fails loudly rather than sharing a port.
     */
    public static int preferredOrFree(final int preferred) {
        if (preferred != 0 && isFree(preferred)) {
            return preferred;
        }
        return free();
    }

    /** A port that was free a moment ago, chosen by the operating system. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** A free port other than {@code taken}, which was chosen but is not bound yet. */
    static int freeOtherThan(final int taken) {
        int port = free();
        while (port == taken) {
            port = free();
        }
        return port;
    }

    static boolean isFree(final int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (final IOException e) {
            return false;
        }
    }
}
