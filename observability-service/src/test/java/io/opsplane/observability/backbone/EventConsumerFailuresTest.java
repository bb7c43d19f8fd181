package io.opsplane.observability.backbone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.support.TestClock;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.Topics;
import io.opsplane.platform.health.ConsumerMonitor;
import io.opsplane.platform.inbox.EventConsumer;
import io.opsplane.platform.inbox.EventHandlers;
import io.opsplane.proto.events.v1.ChangeApplied;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure contract of every consumer, with handlers that fail the way real effects do, in the
 * real database: a permanent failure dead-letters only its own event, a retryable one is retried
 * and then dead-lettered, an unavailable dependency is waited for while readiness says so.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
class EventConsumerFailuresTest {

    @Inject
    EventConsumer consumer;

    @Inject
    ConsumerMonitor monitor;

    @Inject
    Topics topics;

    @Inject
    TestClock clock;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private final String name = "test-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private ConsumerRecords<String, byte[]> batch(List<String> stacks) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long offset = 0;
        for (String stack : stacks) {
            ProducerRecord<String, byte[]> produced = CloudEventCodec.toRecord(topics.events("infra"),
                    EventCatalog.instance().envelope(ChangeApplied.newBuilder().setStack(stack).build(),
                            Topics.ownerSource("infra"), stack, null, null));
            records.add(new ConsumerRecord<>(produced.topic(), 0, offset++, 0L, TimestampType.CREATE_TIME, 0, 0,
                    produced.key(), produced.value(), produced.headers(), java.util.Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topics.events("infra"), 0), records), Map.of());
    }

    /** Runs SQL in the consumer's transaction: how an effect fails in the real database. */
    private static Uni<Void> sql(String statement) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(statement).getResultList())
                .replaceWithVoid();
    }

    private long inboxRows() {
        return pool.preparedQuery("SELECT count(*) FROM inbox_event WHERE consumer = $1").execute(Tuple.of(name))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private Map<String, String> deadLetterKinds(EventTap tap, int count) {
        Map<String, String> kinds = new HashMap<>();
        tap.await(r -> name.equals(EventTap.header(r, "dead-letter-consumer")), count, Duration.ofSeconds(15))
                .forEach(r -> kinds.put(r.key(), EventTap.header(r, "dead-letter-kind")));
        return kinds;
    }

    @Test
    void aPermanentFailureDeadLettersOnlyItsOwnEventAndTheRestAreApplied() {
        Set<String> applied = ConcurrentHashMap.newKeySet();
        EventHandlers handlers = EventHandlers.builder().on(ChangeApplied.class, (event, change) ->
                change.getStack().startsWith("bad")
                        ? sql("SELECT 1 / 0")   // 22012: the event's own fault, every time
                        : sql("SELECT 1").invoke(() -> applied.add(change.getStack()))).build();
        try (EventTap tap = new EventTap(kafka, List.of(topics.deadLetter("observability")))) {
            consumer.process(name, batch(List.of("good-1", "bad-1", "good-2", "good-3")), handlers);

            assertEquals(Map.of("bad-1", "permanent"), deadLetterKinds(tap, 1));
        }
        assertEquals(Set.of("good-1", "good-2", "good-3"), applied);
        assertEquals(3, inboxRows(), "the dead-lettered event is not claimed; the others are, once");
    }

    /**
     * A batch as large as a busy topic delivers, with handlers that complete at once. (Chained one
     * inside the other, such handlers overflowed the stack and the batch never completed.)
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aLargeBatchIsAppliedInOneGo() {
        List<String> stacks = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            stacks.add("large-" + i);
        }
        Set<String> applied = ConcurrentHashMap.newKeySet();
        EventHandlers handlers = EventHandlers.builder().on(ChangeApplied.class, (event, change) -> {
            applied.add(change.getStack());
            return Uni.createFrom().voidItem();
        }).build();
        consumer.process(name, batch(stacks), handlers);
        assertEquals(5000, applied.size());
        assertEquals(5000, inboxRows());
    }

    @Test
    void aRetryableFailureIsRetriedAndThenDeadLettered() {
        AtomicInteger flakyCalls = new AtomicInteger();
        AtomicInteger stubbornCalls = new AtomicInteger();
        EventHandlers handlers = EventHandlers.builder().on(ChangeApplied.class, (event, change) -> {
            if (change.getStack().equals("flaky") && flakyCalls.incrementAndGet() <= 2) {
                return sql("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$");
            }
            if (change.getStack().equals("stubborn")) {
                stubbornCalls.incrementAndGet();
                return sql("DO $$ BEGIN RAISE EXCEPTION 'deadlock' USING ERRCODE = '40P01'; END $$");
            }
            return Uni.createFrom().voidItem();
        }).build();
        try (EventTap tap = new EventTap(kafka, List.of(topics.deadLetter("observability")))) {
            consumer.process(name, batch(List.of("flaky")), handlers);
            consumer.process(name, batch(List.of("stubborn", "fine")), handlers);

            assertEquals(Map.of("stubborn", "retries-exhausted"), deadLetterKinds(tap, 1));
        }
        assertEquals(3, flakyCalls.get(), "two failures, then applied");
        assertTrue(stubbornCalls.get() >= 5, "retried as configured: " + stubbornCalls.get());
        assertEquals(2, inboxRows(), "flaky and fine applied");
    }

    @Test
    void anUnavailableDependencyIsWaitedForAndReadinessSaysSo() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        EventHandlers handlers = EventHandlers.builder().on(ChangeApplied.class, (event, change) -> {
            calls.incrementAndGet();
            return down.get() ? Uni.createFrom().failure(new ConnectException("Connection refused"))
                    : Uni.createFrom().voidItem();
        }).build();
        monitor.register(name, name);
        Thread worker = new Thread(() -> consumer.process(name, batch(List.of("waiting")), handlers));
        worker.start();
        try {
            long deadline = System.currentTimeMillis() + 15_000;
            while (calls.get() < 3 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            given().when().get("/q/health/ready").then().statusCode(200);

            clock.advance(Duration.ofMinutes(1));
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'Event consumers' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Event consumers' }.data." + name,
                            org.hamcrest.Matchers.containsString("Connection refused"));

            down.set(false);
            worker.join(15_000);
        } finally {
            down.set(false);
            worker.join(15_000);
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Event consumers"));
        assertEquals(1, inboxRows(), "applied once the dependency is back, nothing dead-lettered");
    }
}
