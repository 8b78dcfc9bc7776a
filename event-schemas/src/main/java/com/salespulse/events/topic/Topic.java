package com.salespulse.events.topic;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic's name with the serdes of its key and value: the one description of a topic shared by
 * the producers, the streams topologies and the tools that read the topics.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
