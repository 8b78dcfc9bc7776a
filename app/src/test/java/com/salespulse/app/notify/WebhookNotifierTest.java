package com.salespulse.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.events.Alert;
import com.salespulse.events.AlertKind;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alert webhook against a local HTTP server that fails some calls. */
class WebhookNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Short waits so that the retries take milliseconds: 10, 20, 40, 50, 50 ms ... */
    private static final WebhookNotifier.Settings FAST = new WebhookNotifier.Settings(10, 6, Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofSeconds(2));
    /** A status for "close the connection without an answer". */
    private static final int DROP_CONNECTION = -1;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ExecutorService serverThreads = Executors.newFixedThreadPool(2);
    private HttpServer server;
    private WebhookNotifier notifier;

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop(0);
        }
        serverThreads.shutdownNow();
    }

    @Test
    void shouldDeliverEveryAlertInOrderWhenTheServerFailsSomeCalls() {
        // Given a server that answers calls 1 and 2 with 500, drops the connection on call 4, says 503 on call 7
        start(call -> switch (call) {
            case 1, 2 -> 500;
            case 4 -> DROP_CONNECTION;
            case 7 -> 503;
            default -> 200;
        }, null);

        // When five alerts are handed over
        for (int i = 1; i <= 5; i++) {
            notifier.accept(alert("L" + i, AlertKind.SLA_BREACHED), "sales.alerts-0@" + i);
        }

        // Then all five arrive, in order, after 4 retries (9 calls)
        await(() -> counter("sent") == 5);
        assertThat(bodies).hasSize(5);
        assertThat(bodies.stream().map(body -> read(body).path("alert").path("leadId").asText()))
                .containsExactly("L1", "L2", "L3", "L4", "L5");
        assertThat(calls.get()).isEqualTo(9);
        assertThat(meters.get(WebhookNotifier.RETRIES_METER).counter().count()).isEqualTo(4.0);
        assertThat(counter("failed")).isZero();
        assertThat(counter("dropped")).isZero();
        assertThat(contentTypes).containsOnly("application/json");
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWhenTheServerKeepsFailing() {
        // Given a server that always fails, and 6 attempts per alert
        start(call -> 502, null);

        // When one alert is handed over
        notifier.accept(alert("L1", AlertKind.SLA_BREACHED), "sales.alerts-0@1");

        // Then it is tried 6 times and counted as failed
        await(() -> counter("failed") == 1);
        assertThat(calls.get()).isEqualTo(6);
        assertThat(counter("sent")).isZero();
    }

    @Test
    void shouldNotRetryWhenTheServerRefusesTheBody() {
        // Given a server that answers 400 once, then 200
        start(call -> call == 1 ? 400 : 200, null);

        // When two alerts are handed over
        notifier.accept(alert("L1", AlertKind.SLA_BREACHED), "sales.alerts-0@1");
        notifier.accept(alert("L2", AlertKind.SLA_BREACHED), "sales.alerts-0@2");

        // Then the refused one is not sent again; the next one goes through
        await(() -> counter("sent") == 1);
        assertThat(counter("failed")).isEqualTo(1.0);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void shouldReturnAtOnceAndDropWhatDoesNotFitWhenTheServerHangs() throws InterruptedException {
        // Given a server that does not answer until released, and a queue of 10
        final CountDownLatch release = new CountDownLatch(1);
        start(call -> 200, release);
        notifier.accept(alert("L0", AlertKind.SLA_AT_RISK), "sales.alerts-0@0");
        await(() -> calls.get() == 1);

        // When 1,000 more alerts are handed over while the first one hangs
        final long startNanos = System.nanoTime();
        for (int i = 1; i <= 1_000; i++) {
            notifier.accept(alert("L" + i, AlertKind.SLA_AT_RISK), "sales.alerts-0@" + i);
        }
        final Duration handingOver = Duration.ofNanos(System.nanoTime() - startNanos);

        // Then handing over never waited for the server, 10 alerts were queued and 990 dropped
        assertThat(handingOver).isLessThan(Duration.ofMillis(500));
        assertThat(notifier.queued()).isEqualTo(10);
        assertThat(counter("dropped")).isEqualTo(990.0);
        // and once the server answers, the queued ones go out
        release.countDown();
        await(() -> counter("sent") == 11);
    }

    @Test
    void shouldPostABodyThatSlackShowsWhenAnAlertIsSent() {
        // Given a server that accepts everything
        start(call -> 200, null);

        // When an SLA breach is sent
        notifier.accept(alert("L7", AlertKind.SLA_BREACHED), "sales.alerts-3@70");

        // Then Slack's text, a coloured attachment with the fields, and the alert as structured JSON
        await(() -> counter("sent") == 1);
        final JsonNode body = read(bodies.get(0));
        assertThat(body.path("text").asText()).isEqualTo(
                ":rotating_light: *SLA breached* Lead L7 missed its 5 min first-response target. Owner R1, team T1, region EMEA.");
        assertThat(body.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
        assertThat(body.path("attachments").get(0).path("fields").findValuesAsText("title"))
                .containsExactly("Kind", "Lead", "Owner", "Team", "Region", "Deadline");
        final JsonNode alert = body.path("alert");
        assertThat(alert.path("alertId").asText()).isEqualTo("sla|L7|2026-11-02T09:00:00Z|SLA_BREACHED");
        assertThat(alert.path("kind").asText()).isEqualTo("SLA_BREACHED");
        assertThat(alert.path("deadline").asText()).isEqualTo("2026-11-02T09:05:00Z");
        assertThat(alert.path("waitedBusinessSeconds").asLong()).isEqualTo(300L);
        assertThat(alert.path("ruleKey").isNull()).isTrue();
    }

    private void start(final IntUnaryOperator statusOfCall, final CountDownLatch release) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(serverThreads);
        server.createContext("/hook", exchange -> handle(exchange, statusOfCall.applyAsInt(calls.incrementAndGet()), release));
        server.start();
        notifier = new WebhookNotifier(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), FAST, meters);
    }

    private void handle(final HttpExchange exchange, final int status, final CountDownLatch release) throws IOException {
        final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (release != null) {
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (status == DROP_CONNECTION) {
            exchange.close();
            return;
        }
        if (status == 200) {
            bodies.add(body);
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private double counter(final String outcome) {
        return meters.get(WebhookNotifier.METER).tag("outcome", outcome).counter().count();
    }

    private static JsonNode read(final String body) {
        try {
            return JSON.readTree(body);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(final BooleanSupplier condition) {
        final Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition met within 10 s").isBefore(deadline);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    static Alert alert(final String leadId, final AlertKind kind) {
        return Alert.newBuilder()
                .setAlertId("sla|" + leadId + "|2026-11-02T09:00:00Z|" + kind.name())
                .setKind(kind)
                .setRaisedAt(Instant.parse("2026-11-02T09:05:00.120Z"))
                .setLeadId(leadId)
                .setRepId("R1")
                .setTeamId("T1")
                .setRegion("EMEA")
                .setDeadline(Instant.parse("2026-11-02T09:05:00Z"))
                .setWaitedBusinessSeconds(300L)
                .setWaitedWallSeconds(300L)
                .setMessage("Lead " + leadId + " missed its 5 min first-response target. Owner R1, team T1, region EMEA.")
                .build();
    }
}
