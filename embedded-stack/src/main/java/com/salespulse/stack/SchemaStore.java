package com.salespulse.stack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaParseException;

/**
 * The registry's state: subjects with their versions, and global schema ids. Ids are global as in
 * Confluent's registry: the same schema (compared by canonical text) has one id under every
 * subject. Compatibility is BACKWARD against a subject's latest version.
 *
 * <p>Thread-safe. Registrations are serialised, and a registration changes the state only after
 * {@code persist} returned, so a schema that could not be stored is not served either.
 */
final class SchemaStore {
    /** The only compatibility level this registry knows. */
    static final String COMPATIBILITY = "BACKWARD";
    /** A version reference meaning "the latest version", as Confluent accepts it. */
    static final int LATEST = -1;

    private final Object registrations = new Object();
    private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
    private final Map<Integer, Schema> schemaById = new HashMap<>();
    private final Map<String, Integer> idByCanonical = new HashMap<>();
    private int maxId;

    /** Parses an Avro schema, or refuses it with 42201. */
    static Schema parse(final String text) {
        if (text == null || text.isBlank()) {
            throw RegistryError.invalidSchema("Invalid schema: empty");
        }
        try {
            // A new parser each time: a parser refuses to define the same name twice.
            return new Schema.Parser().parse(text);
        } catch (final SchemaParseException e) {
            throw RegistryError.invalidSchema("Invalid schema: " + e.getMessage());
        } catch (final RuntimeException e) {
            // Avro 1.12.1 throws a NullPointerException for an undefined type name, among others.
            throw RegistryError.invalidSchema("Invalid schema: " + e);
        }
    }

    /**
     * Registers {@code schema} under {@code subject}: the existing id when the subject already has
     * this schema (no new version), otherwise a new version with the schema's global id (a new id
     * for a schema no subject has).
     *
     * @param persist stores the new version durably before it becomes visible; throws to refuse
     * @throws RegistryError 409 when the schema cannot read data written with the subject's latest version
     */
    int register(final String subject, final Schema schema, final Consumer<SchemaVersion> persist) {
        final String canonical = schema.toString();
        synchronized (registrations) {
            final SchemaVersion next;
            synchronized (this) {
                final NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
                if (versions != null) {
                    for (final SchemaVersion existing : versions.values()) {
                        if (existing.schema().equals(canonical)) {
                            return existing.id();
                        }
                    }
                    final SchemaPairCompatibility result = backward(schema, versions.lastEntry().getValue());
                    if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                        throw RegistryError.incompatible(subject, messages(result).toString());
                    }
                }
                final int version = versions == null ? 1 : versions.lastKey() + 1;
                final Integer known = idByCanonical.get(canonical);
                next = new SchemaVersion(subject, version, known == null ? maxId + 1 : known, canonical);
            }
            persist.accept(next);
            apply(next);
            return next.id();
        }
    }

    /** Adds a version read back from the store (or just written). A later record for the same version wins. */
    synchronized void apply(final SchemaVersion version) {
        final Schema schema = parse(version.schema());
        // Canonical text, so that a record another registry wrote in another layout still matches.
        final SchemaVersion canonical = new SchemaVersion(version.subject(), version.version(), version.id(),
                schema.toString());
        subjects.computeIfAbsent(canonical.subject(), s -> new TreeMap<>()).put(canonical.version(), canonical);
        schemaById.putIfAbsent(canonical.id(), schema);
        idByCanonical.putIfAbsent(canonical.schema(), canonical.id());
        reserveId(canonical.id());
    }

    /** Keeps an id from being reused, e.g. the id of a version deleted in another registry. */
    synchronized void reserveId(final int id) {
        maxId = Math.max(maxId, id);
    }

    synchronized Optional<String> schemaById(final int id) {
        return Optional.ofNullable(schemaById.get(id)).map(Schema::toString);
    }

    /** Every (subject, version) that uses schema {@code id}. */
    synchronized List<SchemaVersion> usages(final int id) {
        final List<SchemaVersion> usages = new ArrayList<>();
        subjects.values().forEach(versions -> versions.values().stream()
                .filter(version -> version.id() == id)
                .forEach(usages::add));
        return usages;
    }

    synchronized List<String> subjects() {
        return List.copyOf(subjects.keySet());
    }

    synchronized List<Integer> versions(final String subject) {
        return List.copyOf(versionsOf(subject).keySet());
    }

    /** A version of a subject, {@link #LATEST} for the latest. */
    synchronized SchemaVersion version(final String subject, final int version) {
        final NavigableMap<Integer, SchemaVersion> versions = versionsOf(subject);
        final SchemaVersion found = version == LATEST ? versions.lastEntry().getValue() : versions.get(version);
        if (found == null) {
            throw RegistryError.versionNotFound(subject, version);
        }
        return found;
    }

    /** The version of {@code subject} holding {@code schema}. */
    synchronized SchemaVersion lookup(final String subject, final Schema schema) {
        final String canonical = schema.toString();
        return versionsOf(subject).values().stream()
                .filter(version -> version.schema().equals(canonical))
                .findFirst()
                .orElseThrow(() -> RegistryError.schemaNotFound("Schema not found"));
    }

    /**
     * Whether {@code schema}, as reader, can read data written with the given version (BACKWARD).
     *
     * @return the incompatibilities, empty when compatible
     */
    synchronized List<String> incompatibilities(final String subject, final int version, final Schema schema) {
        final SchemaPairCompatibility result = backward(schema, version(subject, version));
        return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE ? List.of() : messages(result);
    }

    private NavigableMap<Integer, SchemaVersion> versionsOf(final String subject) {
        final NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryError.subjectNotFound(subject);
        }
        return versions;
    }

    private SchemaPairCompatibility backward(final Schema reader, final SchemaVersion writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, schemaById.get(writer.id()));
    }

    private static List<String> messages(final SchemaPairCompatibility result) {
        return result.getResult().getIncompatibilities().stream()
                .map(incompatibility -> incompatibility.getType() + " at " + incompatibility.getLocation()
                        + ": " + incompatibility.getMessage())
                .collect(Collectors.toList());
    }
}
