package com.salespulse.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands tests a {@link KafkaStack}: as a constructor parameter, a {@code @BeforeAll} or
 * {@code @BeforeEach} parameter, or a test method parameter.
 *
 * <pre>{@code
 * @ExtendWith(KafkaStackExtension.class)
 * class PipelineIT {
 *     @Test
 *     void shouldEmitKpiChangeWhenLeadIsContacted(KafkaStack stack) { ... }
 * }
 * }</pre>
 *
 * <p>One stack serves the whole JVM: it starts when a test first asks for it and stops when the
 * test run ends (it is an {@link AutoCloseable} value of the root context's store). It is
 * Testcontainers' Apache Kafka and Confluent Schema Registry when a Docker engine is available,
 * otherwise the embedded stack; {@code -Dsalespulse.test.stack=embedded|containers} forces a choice.
 */
public final class KafkaStackExtension implements ParameterResolver {
    /** The system property that forces a stack: {@code embedded}, {@code containers} or {@code auto}. */
    public static final String STACK_PROPERTY = StackChoice.PROPERTY;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaStackExtension.class);
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStackExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == KafkaStack.class;
    }

    @Override
    public KafkaStack resolveParameter(final ParameterContext parameterContext, final ExtensionContext extensionContext) {
        return extensionContext.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(CloseableKafkaStack.class, key -> start(), CloseableKafkaStack.class);
    }

    private static CloseableKafkaStack start() {
        final long startNanos = System.nanoTime();
        final String forced = System.getProperty(STACK_PROPERTY);
        final StackChoice choice = StackChoice.choose(forced, StackChoice::isDockerAvailable);
        final CloseableKafkaStack stack = choice.containers() ? ContainersKafkaStack.start() : EmbeddedKafkaStack.start();
        LOG.info("Kafka stack for tests: {} ({}; started in {} ms)", stack.describe(), choice.reason(),
                (System.nanoTime() - startNanos) / 1_000_000);
        return stack;
    }
}
