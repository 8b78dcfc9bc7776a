package com.salespulse.app.notify;

import com.salespulse.events.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts every alert to an HTTP webhook (a Slack incoming webhook works: see {@link SlackPayload}).
 *
 * <p>It never holds up its caller: {@link #accept} puts the alert in a bounded queue and returns;
 * a full queue drops the alert (counted, logged by its topic, partition and offset) rather than
 * wait. One sender thread posts the alerts in order. A failure — no connection, a timeout, 5xx, 408
 * or 429 — is retried with exponential backoff (doubling from the initial backoff up to the maximum;
 * a 429's {@code Retry-After} is respected up to the maximum) until the attempts are used up; any
 * other 4xx is not retried, since the same body would be refused again. sales.alerts stays the
 * record of every alert; the webhook is a best-effort copy.
 *
 * <p>Meters: {@value #METER}{outcome=sent|failed|dropped} and {@value #RETRIES_METER}.
 */
public final class WebhookNotifier implements AlertSink, AutoCloseable {
    public static final String METER = "salespulse.alerts.webhook";
    public static final String RETRIES_METER = "salespulse.alerts.webhook.retries";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

    private final URI url;
    private final Settings settings;
    private final HttpClient http;
    private final BlockingQueue<Pending> queue;
    private final Counter sent;
    private final Counter failed;
    private final Counter dropped;
    private final Counter retries;
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param queueCapacity  alerts waiting to be sent at most; more are dropped
     * @param maxAttempts    attempts per alert, the first included
     * @param initialBackoff wait after the first failed attempt; doubles with every further one
     * @param maxBackoff     longest wait between attempts
     * @param requestTimeout how long one attempt may take
     */
    public record Settings(int queueCapacity, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
                           Duration requestTimeout) {

        /** 1,000 queued alerts, 8 attempts, 0.5 s doubling to 1 min (about 2 minutes in all), 10 s per attempt. */
        public static Settings defaults() {
            return new Settings(1_000, 8, Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(10));
        }

        /** The wait after the {@code failedAttempts}-th failed attempt. */
        Duration backoff(final int failedAttempts) {
            final long doubled = initialBackoff.toMillis() << Math.min(failedAttempts - 1, 30);
            return Duration.ofMillis(Math.min(doubled < 0 ? Long.MAX_VALUE : doubled, maxBackoff.toMillis()));
        }
    }

    private record Pending(Alert alert, String origin) {
    }

    public WebhookNotifier(final URI url, final Settings settings, final MeterRegistry meters) {
        this.url = url;
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.sent = outcome(meters, "sent");
        this.failed = outcome(meters, "failed");
        this.dropped = outcome(meters, "dropped");
        this.retries = Counter.builder(RETRIES_METER).description("Webhook attempts repeated after a failure").register(meters);
        this.sender = new Thread(this::run, "salespulse-alert-webhook");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    private static Counter outcome(final MeterRegistry meters, final String outcome) {
        return Counter.builder(METER).description("Alerts posted to the webhook, by outcome").tag("outcome", outcome)
                .register(meters);
    }

    @Override
    public void accept(final Alert alert, final String origin) {
        if (!queue.offer(new Pending(alert, origin))) {
            dropped.increment();
            LOG.warn("Webhook queue full ({} alerts waiting): dropped the alert from {}", settings.queueCapacity(), origin);
        }
    }

    /** Alerts waiting to be sent. */
    public int queued() {
        return queue.size();
    }

    private void run() {
        while (running) {
            try {
                final Pending next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    deliver(next);
                }
            } catch (final InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(final Pending pending) throws InterruptedException {
        final HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(SlackPayload.json(pending.alert())))
                .build();
        for (int attempt = 1; running; attempt++) {
            Duration wait;
            String failure;
            try {
                final HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                final int status = response.statusCode();
                if (status / 100 == 2) {
                    sent.increment();
                    return;
                }
                if (status / 100 == 4 && status != 408 && status != 429) {
                    failed.increment();
                    LOG.warn("Webhook refused the alert from {} with HTTP {}; not retried", pending.origin(), status);
                    return;
                }
                failure = "HTTP " + status;
                wait = settings.backoff(attempt);
                final Optional<Duration> retryAfter = retryAfter(response);
                if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
                    wait = retryAfter.get().compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : retryAfter.get();
                }
            } catch (final IOException e) {
                failure = e.getClass().getSimpleName();
                wait = settings.backoff(attempt);
            }
            if (attempt >= settings.maxAttempts()) {
                failed.increment();
                LOG.warn("Webhook gave up on the alert from {} after {} attempts (last: {})", pending.origin(), attempt,
                        failure);
                return;
            }
            retries.increment();
            LOG.debug("Webhook attempt {} for the alert from {} failed ({}); retrying in {} ms", attempt,
                    pending.origin(), failure, wait.toMillis());
            Thread.sleep(wait.toMillis());
        }
    }

    private static Optional<Duration> retryAfter(final HttpResponse<Void> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (final NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Stops the sender; alerts still queued are not sent (they stay on sales.alerts). */
    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            sender.join(Duration.ofSeconds(5).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        final int left = queue.size();
        if (left > 0) {
            LOG.warn("Webhook stopped with {} alert(s) not sent", left);
        }
    }
}
