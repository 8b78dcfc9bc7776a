/**
 * The integration-test kit: {@link com.salespulse.testkit.KafkaStackExtension} hands tests a
 * {@link com.salespulse.testkit.KafkaStack} (a broker and a schema registry), one per JVM:
 * Testcontainers' Apache Kafka and Confluent Schema Registry where a Docker engine answers,
 * the embedded stack otherwise. {@code -Dsalespulse.test.stack=embedded|containers|auto} forces a
 * choice; {@code -Dsalespulse.test.kafka.image} and {@code -Dsalespulse.test.schema-registry.image}
 * override the container images.
 */
package com.salespulse.testkit;
