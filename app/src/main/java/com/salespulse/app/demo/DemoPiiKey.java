package com.salespulse.app.demo;

import com.salespulse.kpi.config.SalesPulseConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The demo's key for web-form lead ids: the configured one, else a random key kept in the data
 * directory, so that a person posting a form again is the same lead across demo restarts. A real
 * deployment sets {@value SalesPulseConfig#PII_HMAC_KEY} itself, the same on every instance.
 */
public final class DemoPiiKey {
    private static final String FILE = "pii-hmac.key";
    private static final int KEY_BYTES = 32;

    private DemoPiiKey() {
    }

    public static SalesPulseConfig configure(final SalesPulseConfig config, final Path dataDir) {
        if (!config.get(SalesPulseConfig.PII_HMAC_KEY).isBlank()) {
            return config;
        }
        final Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                final byte[] key = new byte[KEY_BYTES];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(dataDir);
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            }
            return config.with(SalesPulseConfig.PII_HMAC_KEY, Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot keep the demo's web-form key in " + file, e);
        }
    }
}
