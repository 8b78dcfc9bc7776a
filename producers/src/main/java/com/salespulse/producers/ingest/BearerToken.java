package com.salespulse.producers.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The bearer token a caller must present ({@code Authorization: Bearer <token>}). Tokens are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, which takes the same time
 * whatever the bytes, so that neither the content nor the length of the token leaks through
 * timing.
 */
final class BearerToken {
    private static final String SCHEME = "bearer ";

    private final byte[] expected;

    /** @param token the token to require; empty for none */
    BearerToken(final String token) {
        this.expected = token.isEmpty() ? null : digest(token);
    }

    boolean required() {
        return expected != null;
    }

    /** Whether a request with this {@code Authorization} header (null when absent) may pass. */
    boolean permits(final String authorization) {
        if (expected == null) {
            return true;
        }
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(authorization.substring(SCHEME.length()).trim()));
    }

    private static byte[] digest(final String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
