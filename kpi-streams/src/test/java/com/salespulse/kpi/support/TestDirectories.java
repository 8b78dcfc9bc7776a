package com.salespulse.kpi.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Fresh temporary directories for state stores. */
public final class TestDirectories {

    private TestDirectories() {
    }

    public static Path create(final String prefix) {
        try {
            final Path directory = Files.createTempDirectory(prefix);
            directory.toFile().deleteOnExit();
            return directory;
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
