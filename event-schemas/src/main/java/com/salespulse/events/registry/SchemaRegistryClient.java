package com.salespulse.events.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API the serdes need. Implementations cache: a schema
 * id never changes its schema, so each id and each (subject, schema) pair is fetched once.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (or finds it there) and returns its global id.
     *
     * @throws SchemaRegistryException when the registry refuses it (e.g. incompatible) or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * The schema with this global id.
     *
     * @throws SchemaRegistryException when the registry does not know the id or cannot be reached
     */
    Schema schemaById(int id);
}
