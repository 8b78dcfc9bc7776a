package com.salespulse.kpi.golden;

import com.salespulse.events.Rep;
import com.salespulse.kpi.support.PipelineDriver;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;

/**
 * Sends whole roster entries, monthly quota included, to a {@link PipelineDriver}'s {@code sales.reps} input.
 *
 * <p>{@link PipelineDriver#rep(String, String)} builds a rep without a quota, and {@code quota_attainment} needs
 * one. Until the driver offers a {@code rep(Rep)}, this reaches its roster input topic by its declared type
 * ({@code TestInputTopic<String, Rep>}), so a renamed field still works and a removed one fails loudly.
 */
final class RosterInput {

    private RosterInput() {
    }

    static void send(final PipelineDriver pipeline, final List<Rep> roster) {
        final TestInputTopic<String, Rep> reps = repsTopicOf(pipeline);
        roster.forEach(rep -> reps.pipeInput(rep.getRepId(), rep));
    }

    @SuppressWarnings("unchecked")
    private static TestInputTopic<String, Rep> repsTopicOf(final PipelineDriver pipeline) {
        for (final Field field : PipelineDriver.class.getDeclaredFields()) {
            if (field.getGenericType() instanceof ParameterizedType type && type.getRawType() == TestInputTopic.class
                    && type.getActualTypeArguments()[1] == Rep.class) {
                try {
                    field.setAccessible(true);
                    return (TestInputTopic<String, Rep>) field.get(pipeline);
                } catch (final IllegalAccessException e) {
                    throw new IllegalStateException("cannot read PipelineDriver's roster input", e);
                }
            }
        }
        throw new IllegalStateException("PipelineDriver has no TestInputTopic<String, Rep>: give it a rep(Rep) and use that");
    }
}
