package com.salespulse.kpi.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.salespulse.kpi.query.PartitionReply;
import com.salespulse.kpi.query.PartitionRequest;
import com.salespulse.kpi.query.RemoteReplicas;
import com.salespulse.kpi.query.StoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks other instances of the application for store partitions, over their internal HTTP endpoints. */
final class PeerClient implements RemoteReplicas {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json;
    private final String token;

    PeerClient(final ObjectMapper json, final String token) {
        this.json = json;
        this.token = token;
    }

    @Override
    public <T> CompletableFuture<PartitionReply<T>> ask(final HostInfo host, final StoreReader<T> reader,
                                                        final PartitionRequest request) {
        final HttpRequest.Builder post = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + reader.path()))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(request)));
        if (!token.isEmpty()) {
            post.header("Authorization", "Bearer " + token);
        }
        final JavaType replyType = json.getTypeFactory().constructParametricType(PartitionReply.class, reader.rowType());
        return http.sendAsync(post.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 200) {
                        LOG.debug("{} answered {} for {} partitions {}", host, response.statusCode(), reader.store(),
                                request.partitions());
                        return PeerClient.<T>none();
                    }
                    return this.<T>read(response.body(), replyType);
                })
                .exceptionally(failure -> {
                    LOG.debug("{} did not answer for {} partitions {}: {}", host, reader.store(), request.partitions(),
                            failure.getClass().getName());
                    return none();
                });
    }

    private String write(final PartitionRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> PartitionReply<T> read(final String body, final JavaType type) {
        try {
            return json.readValue(body, type);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> PartitionReply<T> none() {
        return new PartitionReply<>(Set.of(), List.of());
    }
}
