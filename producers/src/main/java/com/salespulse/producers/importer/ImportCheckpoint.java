package com.salespulse.producers.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The resume point of an import, kept beside its input as {@code <input>.import-state}: the last
 * line up to which the broker has acknowledged every record (dead letters included), and the
 * input's identity (its size and the SHA-256 of its first 64 KiB) with the format and profile, so
 * that a checkpoint is never applied to a different or changed file, or read another way. It is
 * written atomically (a temporary file moved over it) only after a producer flush, and deleted
 * when the import completes.
 *
 * @param line        the last acknowledged line
 * @param size        the input's size in bytes
 * @param headSha256  SHA-256 of the input's first 64 KiB
 * @param readAs      the format (and CSV profile) the lines were read with
 */
public record ImportCheckpoint(long line, long size, String headSha256, String readAs) {
    static final String SUFFIX = ".import-state";
    private static final int HEAD_BYTES = 64 * 1024;

    /** Where the checkpoint of {@code input} lives. */
    public static Path pathOf(final Path input) {
        return input.resolveSibling(input.getFileName() + SUFFIX);
    }

    /** A checkpoint at line 0 for {@code input} as it is now. */
    static ImportCheckpoint start(final Path input, final String readAs) throws IOException {
        return new ImportCheckpoint(0, Files.size(input), headSha256(input), readAs);
    }

    /** The checkpoint beside {@code input}, if there is one. */
    public static Optional<ImportCheckpoint> read(final Path input) throws IOException {
        final Path path = pathOf(input);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return Optional.of(new ImportCheckpoint(Long.parseLong(properties.getProperty("line")),
                    Long.parseLong(properties.getProperty("size")), properties.getProperty("head-sha256"),
                    properties.getProperty("read-as")));
        } catch (final RuntimeException e) {
            throw new IOException("unreadable import checkpoint " + path + "; delete it to start over", e);
        }
    }

    /** Whether this checkpoint was written for {@code other}'s file, read the same way. */
    boolean sameInput(final ImportCheckpoint other) {
        return size == other.size && headSha256.equals(other.headSha256) && readAs.equals(other.readAs);
    }

    ImportCheckpoint at(final long newLine) {
        return new ImportCheckpoint(newLine, size, headSha256, readAs);
    }

    void write(final Path input) throws IOException {
        final Properties properties = new Properties();
        properties.setProperty("line", Long.toString(line));
        properties.setProperty("size", Long.toString(size));
        properties.setProperty("head-sha256", headSha256);
        properties.setProperty("read-as", readAs);
        final Path path = pathOf(input);
        final Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "salespulse import: lines up to 'line' are acknowledged by Kafka");
        }
        try {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void delete(final Path input) throws IOException {
        Files.deleteIfExists(pathOf(input));
    }

    private static String headSha256(final Path input) throws IOException {
        try (InputStream in = Files.newInputStream(input)) {
            final byte[] head = in.readNBytes(HEAD_BYTES);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(head));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
