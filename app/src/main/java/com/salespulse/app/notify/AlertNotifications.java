package com.salespulse.app.notify;

import com.salespulse.events.Alert;
import com.salespulse.events.topic.Topic;
import com.salespulse.kpi.config.SalesPulseConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The app's own consumers of sales.alerts: the webhook when {@code salespulse.alerts.webhook.url}
 * is set, and whatever sinks the command adds (the demo's console). They run in the app's process
 * beside the pipeline, on their own threads, and read only committed alerts.
 */
public final class AlertNotifications implements AutoCloseable {
    private final AlertFeed feed;
    private final WebhookNotifier webhook;

    private AlertNotifications(final AlertFeed feed, final WebhookNotifier webhook) {
        this.feed = feed;
        this.webhook = webhook;
    }

    /**
     * Starts the feed.
     *
     * @param group names the consumer group after the application id: {@code <application id>-<group>}
     * @throws IllegalArgumentException when the webhook URL is not an http(s) URL
     */
    public static AlertNotifications start(final SalesPulseConfig config, final Map<String, ?> clientConfig,
                                           final Topic<String, Alert> alerts, final MeterRegistry meters,
                                           final String group, final AlertSink... sinks) {
        final WebhookNotifier webhook = webhook(config, meters);
        final List<AlertSink> all = new ArrayList<>(List.of(sinks));
        if (webhook != null) {
            all.add(webhook);
        }
        return new AlertNotifications(AlertFeed.start(clientConfig, alerts, config.applicationId() + "-" + group, all),
                webhook);
    }

    private static WebhookNotifier webhook(final SalesPulseConfig config, final MeterRegistry meters) {
        final String url = config.get(SalesPulseConfig.ALERTS_WEBHOOK_URL);
        if (url == null || url.isBlank()) {
            return null;
        }
        final URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException(SalesPulseConfig.ALERTS_WEBHOOK_URL + " is not a URL", e);
        }
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(SalesPulseConfig.ALERTS_WEBHOOK_URL + " must be an http or https URL");
        }
        return new WebhookNotifier(uri, WebhookNotifier.Settings.defaults(), meters);
    }

    /** True when alerts also go to a webhook. */
    public boolean postsToWebhook() {
        return webhook != null;
    }

    /** Waits until the feed reads from its partitions; false after {@code timeout}. */
    public boolean awaitReady(final Duration timeout) throws InterruptedException {
        return feed.awaitReady(timeout);
    }

    @Override
    public void close() {
        feed.close();
        if (webhook != null) {
            webhook.close();
        }
    }
}
