package com.salespulse.kpi.http;

import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.catalog.Kpi;
import com.salespulse.kpi.catalog.KpiCatalog;
import com.salespulse.kpi.query.KpiQueries;
import com.salespulse.kpi.query.OpenClock;
import com.salespulse.kpi.window.WindowSpec;
import com.salespulse.kpi.window.Windows;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The /api endpoints of docs/api.md: parameters checked and turned into queries, answers as JSON. */
final class ApiHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandlers.class);
    private static final int DEFAULT_SERIES_WINDOWS = 24;
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1_000;
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final int STREAM_BUFFER = 1_000;
    private static final String FILTER_ATTRIBUTE = "salespulse.stream-filter";
    private static final Map<String, Set<String>> ALERT_STATUSES = Map.of(
            "open", Set.of(OpenClock.AT_RISK, OpenClock.BREACHED, OpenClock.ESCALATED),
            "at_risk", Set.of(OpenClock.AT_RISK),
            "breached", Set.of(OpenClock.BREACHED),
            "escalated", Set.of(OpenClock.ESCALATED));

    private final Windows windows;
    private final Supplier<KpiQueries> queries;
    private final LiveFeed feed;

    ApiHandlers(final Windows windows, final Supplier<KpiQueries> queries, final LiveFeed feed) {
        this.windows = windows;
        this.queries = queries;
        this.feed = feed;
    }

    void catalog(final Context ctx) {
        final List<String> windowNames = windowNames();
        final List<Map<String, Object>> kpis = KpiCatalog.all().stream().map(kpi -> {
            final Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", kpi.name());
            entry.put("family", kpi.family().name().toLowerCase(Locale.ROOT));
            entry.put("unit", kpi.unit());
            entry.put("dimensions", kpi.dimensions().stream().map(Dimension::label).toList());
            entry.put("windows", kpi.windows().isEmpty() ? windowNames : List.copyOf(kpi.windows()));
            entry.put("formula", kpi.formula().describe());
            entry.put("definition", kpi.definition());
            return entry;
        }).toList();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("kpis", kpis);
        body.put("dimensions", Arrays.stream(Dimension.values()).map(Dimension::label).toList());
        body.put("windows", windowNames);
        ctx.json(body);
    }

    void series(final Context ctx) {
        final Kpi kpi = kpi(ctx);
        final Dimension dimension = dimension(ctx, Dimension.ORG);
        final WindowSpec window = window(ctx);
        final Instant to = instant(ctx, "to", queries.get().now());
        Instant from = instant(ctx, "from", null);
        if (from == null) {
            long start = window.startOf(to.toEpochMilli() - 1);
            for (int i = 1; i < DEFAULT_SERIES_WINDOWS; i++) {
                start = window.startOf(start - 1);
            }
            from = Instant.ofEpochMilli(start);
        }
        ctx.json(queries.get().series(kpi, dimension, member(ctx, dimension), window, from, to));
    }

    void leaderboard(final Context ctx) {
        final Kpi kpi = kpi(ctx);
        final Dimension dimension = dimension(ctx, Dimension.REP);
        final String order = oneOf(ctx, "order", List.of("desc", "asc"), "desc");
        ctx.json(queries.get().leaderboard(kpi, dimension, window(ctx), instant(ctx, "at", queries.get().now()),
                ctx.queryParam("team"), "asc".equals(order), limit(ctx)));
    }

    void firstResponses(final Context ctx) {
        final Dimension dimension = dimension(ctx, Dimension.ORG);
        ctx.json(queries.get().firstResponses(dimension, member(ctx, dimension), window(ctx),
                instant(ctx, "at", queries.get().now())));
    }

    void alerts(final Context ctx) {
        final String status = oneOf(ctx, "status", List.copyOf(new TreeSet<>(ALERT_STATUSES.keySet())), "open");
        final Instant now = queries.get().now();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", now);
        body.put("alerts", queries.get().openAlerts(ALERT_STATUSES.get(status), ctx.queryParam("team"),
                ctx.queryParam("region"), now));
        ctx.json(body);
    }

    void roster(final Context ctx) {
        ctx.json(Map.of("reps", queries.get().roster()));
    }

    /** Checks the stream's filter before the response turns into an event stream (after which no 400 can be sent). */
    void parseStreamFilter(final Context ctx) {
        final Set<String> types = list(ctx, "types");
        types.stream().filter(type -> !LiveEvent.KPI.equals(type) && !LiveEvent.ALERT.equals(type)).findFirst()
                .ifPresent(type -> {
                    throw Problem.badRequest("types must list kpi and/or alert, not " + type);
                });
        final Set<String> dimensions = list(ctx, "dimension");
        dimensions.forEach(label -> dimensionOf(label));
        final Set<String> kpis = list(ctx, "kpi");
        kpis.forEach(name -> KpiCatalog.byName(name).orElseThrow(() -> Problem.notFound("no KPI named " + name)));
        final Set<String> windowFilter = list(ctx, "window");
        windowFilter.forEach(this::windowOf);
        ctx.attribute(FILTER_ATTRIBUTE, new StreamFilter(types, kpis, dimensions, list(ctx, "value"), windowFilter));
    }

    /**
     * Relays live events to one client as server-sent events, on the request's own thread, until the
     * client goes away or the server stops; a comment every 15 s keeps proxies from closing it.
     * Written straight to the response, so that nothing is left running once the request ends.
     */
    void stream(final Context ctx) throws IOException {
        final StreamFilter filter = ctx.attribute(FILTER_ATTRIBUTE);
        final HttpServletResponse response = ctx.res();
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        final OutputStream out = response.getOutputStream();
        final BlockingQueue<LiveEvent> pending = new ArrayBlockingQueue<>(STREAM_BUFFER);
        // A client too slow to keep up loses events rather than holding up the feed and every other client.
        final Consumer<LiveEvent> listener = event -> {
            if (filter.accepts(event)) {
                pending.offer(event);
            }
        };
        feed.subscribe(listener);
        try {
            send(out, ": connected\n\n");
            while (feed.isOpen()) {
                final LiveEvent event = pending.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                send(out, event == null ? ": keep-alive\n\n" : "event: " + event.type() + "\ndata: " + event.json() + "\n\n");
            }
        } catch (final IOException | RuntimeException gone) {
            // The client went away, or the server is stopping under the request.
            LOG.debug("A live stream ended on {}", gone.getClass().getName());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feed.unsubscribe(listener);
        }
    }

    private static void send(final OutputStream out, final String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Kpi kpi(final Context ctx) {
        final String name = ctx.pathParam("kpi");
        return KpiCatalog.byName(name).orElseThrow(() -> Problem.notFound("no KPI named " + name
                + "; GET /api/kpis lists them"));
    }

    private static Dimension dimension(final Context ctx, final Dimension fallback) {
        final String label = ctx.queryParam("dimension");
        return label == null || label.isBlank() ? fallback : dimensionOf(label);
    }

    private static Dimension dimensionOf(final String label) {
        return Arrays.stream(Dimension.values()).filter(dimension -> dimension.label().equals(label)).findFirst()
                .orElseThrow(() -> Problem.badRequest("dimension must be one of " + Arrays.stream(Dimension.values())
                        .map(Dimension::label).toList() + ", not " + label));
    }

    /** The dimension member: {@code all} for the organisation, else the required {@code value} parameter. */
    private static String member(final Context ctx, final Dimension dimension) {
        final String value = ctx.queryParam("value");
        if (dimension == Dimension.ORG) {
            if (value != null && !value.isBlank() && !Dimension.ALL.equals(value)) {
                throw Problem.badRequest("the org dimension has one member, " + Dimension.ALL);
            }
            return Dimension.ALL;
        }
        if (value == null || value.isBlank()) {
            throw Problem.badRequest("value is required for dimension " + dimension.label());
        }
        return value;
    }

    private WindowSpec window(final Context ctx) {
        final String name = ctx.queryParam("window");
        return windowOf(name == null || name.isBlank() ? "P1D" : name);
    }

    private WindowSpec windowOf(final String name) {
        return windows.specs().stream().filter(spec -> spec.name().equals(name)).findFirst()
                .orElseThrow(() -> Problem.badRequest("window must be one of " + windowNames() + ", not " + name));
    }

    private List<String> windowNames() {
        return windows.specs().stream().map(WindowSpec::name).toList();
    }

    private static Instant instant(final Context ctx, final String name, final Instant fallback) {
        final String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (final DateTimeParseException e) {
            throw Problem.badRequest(name + " must be an ISO-8601 instant such as 2026-11-02T10:00:00Z");
        }
    }

    private static String oneOf(final Context ctx, final String name, final List<String> allowed, final String fallback) {
        final String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw Problem.badRequest(name + " must be one of " + allowed + ", not " + value);
        }
        return value;
    }

    private static int limit(final Context ctx) {
        final String text = ctx.queryParam("limit");
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            final int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (final NumberFormatException e) {
            // Answered below, like an out-of-range number.
        }
        throw Problem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static Set<String> list(final Context ctx, final String name) {
        final String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
