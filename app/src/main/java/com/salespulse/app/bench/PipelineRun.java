package com.salespulse.app.bench;

/**
 * A pipeline timed on the loaded input, and how many KpiChange records it published doing so: the
 * figure that says how much a backfill costs its downstream consumers, not only the pipeline.
 *
 * @param timing     how long it took to process and commit the input
 * @param kpiChanges records it added to the KpiChange topic, counted exactly ({@code read_committed})
 */
record PipelineRun(PipelineThroughput.Result timing, long kpiChanges) {

    /** KpiChange records per input event. */
    double kpiChangesPerEvent() {
        return timing.events() == 0 ? 0 : (double) kpiChanges / timing.events();
    }
}
