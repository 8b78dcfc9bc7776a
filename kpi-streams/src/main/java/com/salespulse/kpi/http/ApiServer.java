package com.salespulse.kpi.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.topic.Topics;
import com.salespulse.kpi.config.SalesPulseConfig;
import com.salespulse.kpi.query.KpiQueries;
import com.salespulse.kpi.query.QueryUnavailableException;
import com.salespulse.kpi.query.InvalidQueryException;
import com.salespulse.kpi.query.PartitionRequest;
import com.salespulse.kpi.query.StoreReader;
import com.salespulse.kpi.query.StoreRouter;
import com.salespulse.kpi.runtime.KpiPipeline;
import com.salespulse.kpi.window.Windows;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of a pipeline process: the query API (docs/api.md), the live stream, the
 * dashboard at {@code /}, {@code /metrics} and the health checks, plus the internal endpoints
 * through which instances of one application read each other's store partitions.
 *
 * <p>It starts before the pipeline, so that the pipeline can advertise the bound port as its
 * {@code application.server}; until {@link #serve} hands it the running pipeline, queries answer 503.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String STREAM_PATH = "/api/stream";
    private static final String RETRY_AFTER_SECONDS = "1";

    private final HttpSettings settings;
    private final Duration grace;
    private final ObjectMapper json = ApiJson.mapper();
    private final PrometheusMeterRegistry meters;
    private final LiveFeed feed;
    private final AtomicReference<Serving> serving = new AtomicReference<>();
    private final Javalin app;

    /** The running pipeline and the queries over its stores. */
    private record Serving(KpiPipeline pipeline, KpiQueries queries, StoreRouter router) {
    }

    private ApiServer(final HttpSettings settings, final Windows windows, final Duration grace,
                      final PrometheusMeterRegistry meters, final LiveFeed feed, final List<HttpEndpoints> endpoints) {
        this.settings = settings;
        this.grace = grace;
        this.meters = meters;
        this.feed = feed;
        final ApiHandlers api = new ApiHandlers(windows, this::queries, feed);
        this.app = Javalin.create(config -> {
            config.jetty.host = settings.bind();
            config.jetty.port = settings.port();
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.routes.before("/api/*", this::authenticate);
            config.routes.before("/internal/*", this::authenticate);
            config.routes.before(STREAM_PATH, api::parseStreamFilter);
            config.routes.get("/api/kpis", api::catalog);
            config.routes.get("/api/kpis/{kpi}", api::series);
            config.routes.get("/api/kpis/{kpi}/leaderboard", api::leaderboard);
            config.routes.get("/api/distributions/first-response", api::firstResponses);
            config.routes.get("/api/alerts", api::alerts);
            config.routes.get("/api/roster", api::roster);
            config.routes.get(STREAM_PATH, api::stream);
            config.routes.post(StoreReader.BUCKETS.path(), ctx -> internal(ctx, StoreReader.BUCKETS));
            config.routes.post(StoreReader.OPEN_CLOCKS.path(), ctx -> internal(ctx, StoreReader.OPEN_CLOCKS));
            config.routes.get("/metrics", this::metrics);
            config.routes.get("/health/live", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/health/ready", this::ready);
            endpoints.forEach(more -> more.register(config.routes));
            config.routes.exception(Problem.class, (problem, ctx) -> problem(ctx, problem.status(), problem.getMessage()));
            config.routes.exception(InvalidQueryException.class, (e, ctx) -> problem(ctx, 400, e.getMessage()));
            config.routes.exception(QueryUnavailableException.class, (e, ctx) -> {
                ctx.header("Retry-After", RETRY_AFTER_SECONDS);
                problem(ctx, 503, e.getMessage());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                // Not the path: it may carry what callers sent (a form id, a lead id).
                LOG.error("A request failed", e);
                problem(ctx, 500, "the server failed to answer; its log says why");
            });
            config.routes.error(404, ctx -> {
                if (!PROBLEM_JSON.equals(ctx.res().getContentType())) {
                    problem(ctx, 404, "no such resource: " + ctx.path());
                }
            });
        });
        Gauge.builder("salespulse.sse.clients", feed, LiveFeed::listenerCount)
                .description("Clients connected to the live stream /api/stream")
                .register(meters);
    }

    /**
     * Binds the server and starts serving the dashboard, metrics and health checks, and the live
     * stream of the topics' KPI changes and alerts.
     *
     * @param clientConfig how to reach Kafka (bootstrap servers and client settings)
     * @param endpoints    more endpoints to serve (ingestion)
     */
    public static ApiServer start(final SalesPulseConfig config, final Topics topics, final Map<String, ?> clientConfig,
                                  final PrometheusMeterRegistry meters, final List<HttpEndpoints> endpoints) {
        final LiveFeed feed = LiveFeed.start(clientConfig, topics.kpiChanges(), topics.alerts());
        final ApiServer server = new ApiServer(HttpSettings.from(config), Windows.all(config.orgZone()), config.grace(),
                meters, feed, endpoints);
        server.app.start();
        return server;
    }

    /** The port the server bound. */
    public int port() {
        return app.port();
    }

    /** host:port under which the other instances reach this one: the configured address, else localhost. */
    public String advertised() {
        return settings.advertised().isEmpty() ? "localhost:" + port() : settings.advertised();
    }

    /** The configuration with this server's address as the pipeline's application.server. */
    public SalesPulseConfig advertisedIn(final SalesPulseConfig config) {
        return config.with(SalesPulseConfig.HTTP_ADVERTISED, advertised());
    }

    /** Starts answering queries from the pipeline's stores and those of its peers. */
    public void serve(final KpiPipeline pipeline) {
        final StoreRouter router = new StoreRouter(pipeline.streams(), HostInfo.buildFromEndpoint(advertised()),
                new PeerClient(json, settings.token()), pipeline.storeTopics());
        serving.set(new Serving(pipeline, new KpiQueries(router, grace, Clock.systemUTC()), router));
    }

    private KpiQueries queries() {
        return running().queries();
    }

    private Serving running() {
        final Serving current = serving.get();
        if (current == null) {
            throw new QueryUnavailableException("the pipeline is starting");
        }
        return current;
    }

    private void authenticate(final Context ctx) {
        if (!settings.requiresToken()) {
            return;
        }
        final String header = ctx.header("Authorization");
        final String presented = header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length())
                : STREAM_PATH.equals(ctx.path()) ? ctx.queryParam("access_token") : null;
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                settings.token().getBytes(StandardCharsets.UTF_8))) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new Problem(401, "this API needs the bearer token set in " + SalesPulseConfig.HTTP_TOKEN);
        }
    }

    private <T> void internal(final Context ctx, final StoreReader<T> reader) {
        final PartitionRequest request = ctx.bodyAsClass(PartitionRequest.class);
        ctx.json(reader.local().apply(running().router().local(), request));
    }

    private void metrics(final Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(meters.scrape());
    }

    private void ready(final Context ctx) {
        final Serving current = serving.get();
        final KafkaStreams.State state = current == null ? KafkaStreams.State.CREATED : current.pipeline().state();
        final Map<String, String> body = new LinkedHashMap<>();
        body.put("status", state.name());
        ctx.status(state == KafkaStreams.State.RUNNING ? 200 : 503).json(body);
    }

    private void problem(final Context ctx, final int status, final String detail) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.forStatus(status).getMessage());
        body.put("status", status);
        body.put("detail", detail);
        try {
            ctx.status(status).contentType(PROBLEM_JSON).result(json.valueToTree(body).toString());
        } catch (final IllegalStateException responseGone) {
            // The request ended under the handler (the client left, the server is stopping): no one to answer.
            LOG.debug("No answer sent: {}", responseGone.getMessage());
        }
    }

    /** Ends the live streams (their loops see the feed closed), then stops serving. */
    @Override
    public void close() {
        feed.close();
        app.stop();
    }
}
