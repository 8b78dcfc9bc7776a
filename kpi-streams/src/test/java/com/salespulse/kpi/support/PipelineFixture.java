package com.salespulse.kpi.support;

import org.junit.jupiter.api.AfterEach;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh {@link PipelineDriver} per test, with the roster R1 in team T1 and R2 in team T2; R9 and any
 * other rep is not in the roster.
 */
public abstract class PipelineFixture {
    /** Monday 2 November 2026, the UTC day of {@link Events#T0}. */
    protected static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");

    protected PipelineDriver pipeline;

    @BeforeEach
    void startPipeline() {
        pipeline = new PipelineDriver().rep("R1", "T1").rep("R2", "T2");
    }

    @AfterEach
    void stopPipeline() {
        pipeline.close();
    }
}
