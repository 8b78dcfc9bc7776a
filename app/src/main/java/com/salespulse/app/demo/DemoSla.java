package com.salespulse.app.demo;

import com.salespulse.kpi.config.SalesPulseConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The demo's SLA policies: short targets around the clock (web-form leads 2 minutes, others 5), so
 * that alerts show in the demo's first minutes. They are written to the data directory, where a
 * user can read them, unless the user named a file of their own in {@code salespulse.sla.config}.
 */
public final class DemoSla {
    private static final String RESOURCE = "/demo/sla.yaml";

    private DemoSla() {
    }

    /** The configuration with the demo's SLA file, unless it names one already. */
    public static SalesPulseConfig configure(final SalesPulseConfig config, final Path dataDir) {
        final String own = config.get(SalesPulseConfig.SLA_CONFIG);
        if (own != null && !own.isBlank()) {
            return config;
        }
        final Path file = dataDir.resolve("demo-sla.yaml");
        try (InputStream in = DemoSla.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            Files.createDirectories(dataDir);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot write the demo's SLA policies to " + file, e);
        }
        return config.with(SalesPulseConfig.SLA_CONFIG, file.toString());
    }
}
