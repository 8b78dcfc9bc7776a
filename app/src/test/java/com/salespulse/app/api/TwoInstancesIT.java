package com.salespulse.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.salespulse.events.KpiChange;
import com.salespulse.kpi.bucket.BucketKey;
import com.salespulse.kpi.catalog.Dimension;
import com.salespulse.kpi.http.ServingPipeline;
import com.salespulse.kpi.topology.KpiTopology;
import com.salespulse.testkit.KafkaStack;
import com.salespulse.testkit.KafkaStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application id, each running the tasks of part of the partitions: either
 * answers any query, for keys it owns and keys it does not, with the same answer; while instances
 * come and go, queries get an answer or a 503 with Retry-After, never an error.
 */
@ExtendWith(KafkaStackExtension.class)
class TwoInstancesIT {
    private static final int LEADS = 300;
    private static final int SAMPLE = 150;

    @TempDir
    Path work;

    @Test
    void shouldAnswerTheSameForEveryKeyFromEitherInstanceWhenEachOwnsPartOfThePartitions(final KafkaStack stack)
            throws Exception {
        // Given two instances sharing the partitions of a processed history
        final ServedScenario scenario = ServedScenario.imported(stack, work, "two", LEADS, Map.of());
        try (ServingPipeline first = scenario.startInstance("first");
             ServingPipeline second = scenario.startInstance("second")) {
            awaitBothOwnPartitions(first, second);
            scenario.awaitCaughtUp(first);
            final TreeMap<String, KpiChange> published = scenario.published();
            final ApiClient firstApi = new ApiClient(first.server().port());
            final ApiClient secondApi = new ApiClient(second.server().port());

            // When every org key and a sample of the others is asked of both instances
            final List<KpiChange> sample = sample(published);
            int askedOfNonOwner = 0;
            for (final KpiChange change : sample) {
                ServedScenario.assertServes(firstApi, change);
                ServedScenario.assertServes(secondApi, change);
                askedOfNonOwner++;
            }

            // Then both answered every key with its published numbers, and each answered keys the other owns
            final Map<HostInfo, Integer> keysByOwner = owners(first, sample);
            assertThat(keysByOwner).as("keys of the sample by the instance owning them").hasSize(2);
            assertThat(keysByOwner.values()).allSatisfy(count -> assertThat(count).isPositive());
            assertThat(askedOfNonOwner).isEqualTo(sample.size());
            // And fanned-out answers are the same from both
            for (final String path : List.of("/api/kpis/leads_created/leaderboard?window=month&limit=1000&at="
                            + sample.get(0).getWindowStart(),
                    "/api/kpis/deals_won/leaderboard?dimension=team&window=month&at=" + sample.get(0).getWindowStart(),
                    "/api/alerts?status=open", "/api/roster")) {
                final ApiClient.Answer fromFirst = firstApi.get(path);
                final ApiClient.Answer fromSecond = secondApi.get(path);
                assertThat(fromFirst.status()).as(path + ": " + fromFirst.body()).isEqualTo(200);
                assertThat(withoutAsOf(fromSecond.body())).as(path).isEqualTo(withoutAsOf(fromFirst.body()));
            }
        } finally {
            scenario.close();
        }
    }

    @Test
    void shouldAnswerOrAskToRetryButNeverFailWhileInstancesComeAndGo(final KafkaStack stack) throws Exception {
        // Given two instances with standby replicas, and a client asking one of them all the time
        final ServedScenario scenario = ServedScenario.imported(stack, work, "churn", LEADS,
                Map.of("salespulse.streams.num.standby.replicas", "1"));
        final ServingPipeline stayer = scenario.startInstance("stayer");
        ServingPipeline leaver = scenario.startInstance("leaver");
        final AtomicBoolean asking = new AtomicBoolean(true);
        try {
            awaitBothOwnPartitions(stayer, leaver);
            scenario.awaitCaughtUp(stayer);
            final List<KpiChange> sample = sample(scenario.published());
            final ApiClient api = new ApiClient(stayer.server().port());
            final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            final Set<String> unexpected = ConcurrentHashMap.newKeySet();
            final Thread client = new Thread(() -> {
                for (int i = 0; asking.get(); i++) {
                    pause(5);
                    final KpiChange change = sample.get(i % sample.size());
                    final ApiClient.Answer answer = i % 5 == 0
                            ? api.get("/api/kpis/leads_created/leaderboard?window=month&at=" + change.getWindowStart())
                            : api.get(ApiClient.seriesPath(change.getKpi(), change.getDimension(),
                                    change.getDimensionValue(), change.getWindow(), change.getWindowStart(),
                                    change.getWindowEnd()));
                    statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
                    if (answer.status() != 200 && !(answer.status() == 503 && "1".equals(answer.retryAfter()))) {
                        unexpected.add(answer.status() + " " + answer.body());
                    }
                }
            });
            client.start();

            // When one instance leaves, and a new one joins
            Thread.sleep(1_000);
            leaver.close();
            awaitState(stayer, KafkaStreams.State.RUNNING);
            Thread.sleep(2_000);
            leaver = scenario.startInstance("joiner");
            awaitBothOwnPartitions(stayer, leaver);
            Thread.sleep(2_000);
            asking.set(false);
            client.join();

            // Then every answer was a success or a 503 asking to retry
            assertThat(unexpected).isEmpty();
            assertThat(statuses.get(200)).as("successful answers " + statuses).isNotNull();
            // And once settled, both answer every key with its published numbers
            final ApiClient joinerApi = new ApiClient(leaver.server().port());
            for (final KpiChange change : sample) {
                ServedScenario.assertServes(api, change);
                ServedScenario.assertServes(joinerApi, change);
            }
        } finally {
            asking.set(false);
            leaver.close();
            stayer.close();
            scenario.close();
        }
    }

    /** Every org key and a fixed random sample of the other keys. */
    private static List<KpiChange> sample(final TreeMap<String, KpiChange> published) {
        final List<KpiChange> others = new ArrayList<>(published.values().stream()
                .filter(change -> !change.getDimension().equals(Dimension.ORG.label())).toList());
        Collections.shuffle(others, new Random(3));
        final List<KpiChange> sample = new ArrayList<>(others.subList(0, SAMPLE));
        published.values().stream().filter(change -> change.getDimension().equals(Dimension.ORG.label()))
                .filter(change -> change.getWindow().equals("month")).forEach(sample::add);
        return sample;
    }

    private static Map<HostInfo, Integer> owners(final ServingPipeline instance, final List<KpiChange> keys) {
        final Map<HostInfo, Integer> byOwner = new ConcurrentHashMap<>();
        for (final KpiChange change : keys) {
            final String bucket = new BucketKey(Dimension.fromLabel(change.getDimension()), change.getDimensionValue(),
                    change.getWindow(), change.getWindowStart().toEpochMilli()).encode();
            final HostInfo owner = instance.pipeline().streams()
                    .queryMetadataForKey(KpiTopology.BUCKET_STORE, bucket, new StringSerializer()).activeHost();
            byOwner.merge(owner, 1, Integer::sum);
        }
        return byOwner;
    }

    private static void awaitBothOwnPartitions(final ServingPipeline first, final ServingPipeline second)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(ServedScenario.TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (running(first) && running(second)
                    && ownsBuckets(first) && ownsBuckets(second)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the two instances did not share the partitions within " + ServedScenario.TIMEOUT);
    }

    private static boolean running(final ServingPipeline instance) {
        return instance.pipeline().state() == KafkaStreams.State.RUNNING;
    }

    private static boolean ownsBuckets(final ServingPipeline instance) {
        final String topic = instance.pipeline().storeTopics().get(KpiTopology.BUCKET_STORE).topic();
        return instance.pipeline().streams().metadataForLocalThreads().stream()
                .flatMap(thread -> thread.activeTasks().stream())
                .anyMatch(task -> task.topicPartitions().stream().anyMatch(partition -> partition.topic().equals(topic)));
    }

    private static void awaitState(final ServingPipeline instance, final KafkaStreams.State state)
            throws InterruptedException {
        final Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (instance.pipeline().state() != state && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(instance.pipeline().state()).isEqualTo(state);
    }

    /** A client that asks a few hundred times a second, not as fast as a loop can. */
    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String withoutAsOf(final String body) {
        return body.replaceAll("\"asOf\":\"[^\"]*\"", "\"asOf\":\"-\"");
    }
}
