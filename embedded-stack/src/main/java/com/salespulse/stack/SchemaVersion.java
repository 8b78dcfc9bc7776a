package com.salespulse.stack;

/**
 * One version of a subject: the unit the registry stores, one record of the {@code _schemas}
 * topic, and the answer to {@code GET /subjects/{subject}/versions/{version}}.
 *
 * @param subject the subject, e.g. {@code sales.crm-events-value}
 * @param version the subject's version, from 1
 * @param id      the schema's global id, the same under every subject
 * @param schema  the schema's canonical text ({@code Schema.toString()} of the parsed schema)
 */
record SchemaVersion(String subject, int version, int id, String schema) {
}
