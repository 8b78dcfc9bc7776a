package com.salespulse.testkit;

/** A {@link KafkaStack} that this module started and will stop. */
interface CloseableKafkaStack extends KafkaStack, AutoCloseable {

    /** A sentence for the log: which stack this is and where it listens. */
    String describe();

    @Override
    void close();
}
