package com.salespulse.events.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for TopologyTestDriver tests and other single-process uses where no
 * registry server runs. Ids are global and the same schema gets the same id under every subject,
 * as in Confluent's registry.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private final List<Schema> schemas = new ArrayList<>();
    private final Map<Schema, Integer> ids = new HashMap<>();

    @Override
    public synchronized int register(final String subject, final Schema schema) {
        return ids.computeIfAbsent(schema, s -> {
            schemas.add(s);
            return schemas.size();
        });
    }

    @Override
    public synchronized Schema schemaById(final int id) {
        if (id < 1 || id > schemas.size()) {
            throw new SchemaRegistryException("schema " + id + " not found", 404,
                    SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schemas.get(id - 1);
    }
}
