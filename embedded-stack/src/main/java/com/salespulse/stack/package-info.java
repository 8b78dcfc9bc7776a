/**
 * The embedded Kafka stack: a real single-node KRaft broker ({@link com.salespulse.stack.EmbeddedKafkaBroker})
 * and a Confluent-compatible schema registry ({@link com.salespulse.stack.EmbeddedSchemaRegistry}) in the
 * JVM, started together by {@link com.salespulse.stack.EmbeddedStack} for the demo, the replay and
 * integration tests.
 *
 * <p>Decisions worth knowing:
 * <ul>
 *   <li>The broker is Kafka's own server ({@code KafkaRaftServer}), not a fake, so that the demo's
 *       users can point kcat, the console consumer or any Confluent-compatible client at it. Its
 *       log directory is formatted only when new; a persistent directory keeps its cluster id.</li>
 *   <li>Ports: the customary one (9092, 8081) when free, any free port otherwise; 0 means any.
 *       The controller always takes a free port (its voter set is static, so it may change).</li>
 *   <li>The registry keeps no files: its state is the compacted {@code _schemas} topic in
 *       Confluent's layout, written before a registration is answered and read back on start. It
 *       assumes it is that topic's only writer. Only Avro, only BACKWARD compatibility against the
 *       latest version, no deletes, no schema references.</li>
 *   <li>Logging: this module ships no Logback configuration. When the application logs through
 *       Logback and leaves the broker's loggers unset, they default to WARN.</li>
 * </ul>
 */
package com.salespulse.stack;
