package com.salespulse.kpi.http;

import io.javalin.config.RoutesConfig;

/**
 * More endpoints for the pipeline process's HTTP server, from other modules (ingestion). They are
 * registered beside the query API, after its authentication and problem handling is set up, so a
 * {@link Problem} thrown by a handler becomes a problem document too.
 */
@FunctionalInterface
public interface HttpEndpoints {

    void register(RoutesConfig routes);
}
