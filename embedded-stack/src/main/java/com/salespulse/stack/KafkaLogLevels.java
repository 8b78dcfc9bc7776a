package com.salespulse.stack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Defaults the embedded broker's loggers to WARN: at INFO a starting broker writes thousands of
 * lines. Only loggers whose level nobody set are touched, so an application's {@code logback.xml}
 * (which owns logging; this module ships none) still decides. Kafka's client loggers
 * ({@code org.apache.kafka.clients}, {@code org.apache.kafka.streams}) are left alone.
 */
final class KafkaLogLevels {
    /** The server side of Kafka: the Scala broker, KRaft, metadata, storage and the coordinators. */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.server",
            "org.apache.kafka.controller",
            "org.apache.kafka.raft",
            "org.apache.kafka.metadata",
            "org.apache.kafka.image",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.queue",
            "org.apache.kafka.security",
            "org.apache.kafka.network");

    private static final boolean LOGBACK_PRESENT = isPresent("ch.qos.logback.classic.LoggerContext");

    private KafkaLogLevels() {
    }

    static void quietBrokerLoggers() {
        if (LOGBACK_PRESENT) {
            Logback.quiet();
        }
    }

    private static boolean isPresent(final String className) {
        try {
            Class.forName(className, false, KafkaLogLevels.class.getClassLoader());
            return true;
        } catch (final ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when Logback is on the class path (it is an optional dependency). */
    private static final class Logback {
        static void quiet() {
            final ILoggerFactory factory = LoggerFactory.getILoggerFactory();
            if (!(factory instanceof LoggerContext)) {
                return;
            }
            final LoggerContext context = (LoggerContext) factory;
            for (final String name : BROKER_LOGGERS) {
                final ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }
}
