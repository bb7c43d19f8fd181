package io.opsplane.observability.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.proto.events.v1.ChangeApplied;
import io.opsplane.proto.events.v1.PipelineRegistered;
import io.opsplane.proto.observability.v1.TimelineEntry;
import io.opsplane.proto.observability.v1.TimelinePage;
import io.opsplane.proto.observability.v1.TimelineQuery;
import io.opsplane.proto.observability.v1.TimelineServiceGrpc;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The timeline against the real broker and database: what any producer of CloudEvents would send. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
class TimelineRecorderTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @GrpcClient("self")
    TimelineServiceGrpc.TimelineServiceBlockingStub timelineUnauthenticated;

    /** Calls as a viewer, relayed by the gateway. */
    TimelineServiceGrpc.TimelineServiceBlockingStub timeline;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @jakarta.inject.Inject
    io.opsplane.platform.events.Topics topics;

    @Inject
    Pool pool;

    private KafkaProducer<String, byte[]> producer;
    private final String correlation = "corr-" + UUID.randomUUID();

    @BeforeEach
    void callAsAnAuthenticatedUser() {
        timeline = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), timelineUnauthenticated);
    }

    @BeforeEach
    void connect() {
        Properties props = new Properties();
        props.putAll(io.opsplane.testing.TestInfrastructure.kafkaClientConfig(kafka));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private EventEnvelope event(String subject) {
        return EventCatalog.instance().envelope(ChangeApplied.newBuilder().setStack(subject).setCreated(2).build(),
                "opsplane/infra-service", subject, correlation, TRACEPARENT);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(EventEnvelope event) {
        send(CloudEventCodec.toRecord(topics.events("infra"), event));
    }

    private TimelinePage query(TimelineQuery query) {
        return timeline.queryTimeline(query);
    }

    /** Waits until the timeline holds {@code count} events of this test's correlation id. */
    private List<TimelineEntry> awaitTimeline(int count) {
        Instant deadline = Instant.now().plusSeconds(20);
        List<TimelineEntry> entries = List.of();
        while (Instant.now().isBefore(deadline)) {
            entries = query(TimelineQuery.newBuilder().setCorrelationId(correlation).setLimit(1000).build())
                    .getEntriesList();
            if (entries.size() >= count) {
                return entries;
            }
            sleep(100);
        }
        return entries;
    }

    @Test
    void anEventLandsOnTheTimelineWithItsAttributes() {
        EventEnvelope event = event("stack-a");
        send(event);

        List<TimelineEntry> entries = awaitTimeline(1);
        assertEquals(1, entries.size());
        TimelineEntry entry = entries.get(0);
        assertEquals(event.id(), entry.getEventId());
        assertEquals("opsplane.events.v1.ChangeApplied", entry.getType());
        assertEquals("opsplane/infra-service", entry.getSource());
        assertEquals("stack-a", entry.getSubject());
        assertEquals(topics.events("infra"), entry.getTopic());
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", entry.getTraceId());
        assertEquals("{\"stack\":\"stack-a\",\"created\":2}", entry.getDataJson());
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        EventEnvelope event = event("stack-dup");
        send(event);
        send(event);
        send(event);
        // Same key, same partition: once the sentinel is on the timeline, the copies before it were consumed.
        EventEnvelope sentinel = event("stack-dup");
        send(sentinel);

        List<TimelineEntry> entries = awaitTimeline(2);
        assertTrue(entries.stream().anyMatch(e -> e.getEventId().equals(sentinel.id())));
        assertEquals(1, entries.stream().filter(e -> e.getEventId().equals(event.id())).count());
        long inboxRows = pool.preparedQuery("SELECT count(*) FROM inbox_event WHERE event_id = $1")
                .execute(Tuple.of(event.id())).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertEquals(1, inboxRows, "recorded once in the inbox");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String key = "stack-poison-" + UUID.randomUUID();
        EventEnvelope unknownType = new EventEnvelope(UUID.randomUUID().toString(), "com.example.NoSuchEvent",
                "opsplane/infra-service", key, Instant.now(), correlation, null, "{}");
        EventEnvelope badData = new EventEnvelope(UUID.randomUUID().toString(), "opsplane.events.v1.ChangeApplied",
                "opsplane/infra-service", key, Instant.now(), correlation, null, "{\"created\":\"many\"}");
        try (EventTap deadLetters = new EventTap(kafka, List.of(topics.deadLetter("observability")))) {
            send(new ProducerRecord<>(topics.events("infra"), null, key,
                    "not a cloud event".getBytes(StandardCharsets.UTF_8), new RecordHeaders()));
            send(CloudEventCodec.toRecord(topics.events("infra"), unknownType));
            send(CloudEventCodec.toRecord(topics.events("infra"), badData));
            EventEnvelope sentinel = event(key);
            send(sentinel);

            List<TimelineEntry> entries = awaitTimeline(1);
            assertEquals(List.of(sentinel.id()), entries.stream().map(TimelineEntry::getEventId).toList(),
                    "the valid event after the poison is recorded, the poison is not");

            // Dead letters are at least once (and a running platform on the same broker adds its own copies):
            // one per poisoned record, told apart by where the record came from.
            Map<String, ConsumerRecord<String, byte[]>> byOrigin = new TreeMap<>();
            Instant deadline = Instant.now().plusSeconds(10);
            while (byOrigin.size() < 3 && Instant.now().isBefore(deadline)) {
                deadLetters.await(r -> key.equals(r.key()), 3, Duration.ofSeconds(1)).forEach(r -> byOrigin.putIfAbsent(
                        EventTap.header(r, "dead-letter-topic") + "-" + EventTap.header(r, "dead-letter-partition") + "@"
                                + String.format("%012d", Long.parseLong(EventTap.header(r, "dead-letter-offset"))), r));
            }
            assertEquals(3, byOrigin.size(), byOrigin.keySet().toString());
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>(byOrigin.values());
            List<String> reasons = new ArrayList<>();
            dead.forEach(r -> reasons.add(EventTap.header(r, "dead-letter-reason")));
            assertTrue(reasons.get(0).contains("not a CloudEvent"), reasons.get(0));
            assertTrue(reasons.get(1).contains("unknown event type"), reasons.get(1));
            assertTrue(reasons.get(2).contains("not a valid opsplane.events.v1.ChangeApplied"), reasons.get(2));
            assertEquals(topics.events("infra"), EventTap.header(dead.get(0), "dead-letter-topic"));
            assertEquals("not a cloud event", new String(dead.get(0).value(), StandardCharsets.UTF_8),
                    "the record is kept unchanged");
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    /**
     * What stopped the timeline for good before: a U+0000 in the subject (PostgreSQL refuses it in
     * text), and data with content after its JSON object meant to forge the API's answer. Both are
     * dead-lettered; the events after them, on any topic, are recorded; readiness stays true.
     */
    @Test
    void hostileRecordsAreDeadLetteredAndTheTimelineGoesOn() {
        String key = "stack\u0000nul";
        EventEnvelope nul = new EventEnvelope(UUID.randomUUID().toString(), "opsplane.events.v1.ChangeApplied",
                "opsplane/infra-service", key, Instant.now(), correlation, null, "{\"stack\":\"x\"}");
        String injectedKey = "inj-" + UUID.randomUUID();
        EventEnvelope injected = new EventEnvelope(UUID.randomUUID().toString(),
                "opsplane.events.v1.PipelineRegistered", "opsplane/pipeline-service", injectedKey, Instant.now(),
                correlation, null, "{\"pipelineName\":\"inj\"}}],\"nextCursor\":\"evil\"");
        EventEnvelope forged = new EventEnvelope(UUID.randomUUID().toString(), "opsplane.events.v1.PipelineRegistered",
                "opsplane/security-service", injectedKey, Instant.now(), correlation, null, "{\"pipelineName\":\"f\"}");
        try (EventTap deadLetters = new EventTap(kafka, List.of(topics.deadLetter("observability")))) {
            send(CloudEventCodec.toRecord(topics.events("infra"), nul));
            send(CloudEventCodec.toRecord(topics.events("pipeline"), injected));
            send(CloudEventCodec.toRecord(topics.events("pipeline"), forged));
            EventEnvelope after = event("stack-after-nul");
            send(after);
            EventEnvelope otherTopic = EventCatalog.instance().envelope(PipelineRegistered.newBuilder()
                    .setPipelineName(injectedKey).build(), "opsplane/pipeline-service", injectedKey, correlation, null);
            send(CloudEventCodec.toRecord(topics.events("pipeline"), otherTopic));

            List<TimelineEntry> entries = awaitTimeline(2);
            assertEquals(List.of(after.id(), otherTopic.id()).stream().sorted().toList(),
                    entries.stream().map(TimelineEntry::getEventId).sorted().toList());
            assertEquals("{\"pipelineName\":\"" + injectedKey + "\"}", entries.stream()
                    .filter(e -> e.getEventId().equals(otherTopic.id())).findFirst().orElseThrow().getDataJson());

            List<ConsumerRecord<String, byte[]>> dead = deadLetters.await(
                    r -> List.of(nul.id(), injected.id(), forged.id()).contains(EventTap.header(r, "ce_id")), 3,
                    Duration.ofSeconds(15));
            Map<String, String> reasons = new TreeMap<>();
            dead.forEach(r -> reasons.put(EventTap.header(r, "ce_id"), EventTap.header(r, "dead-letter-reason")));
            assertTrue(reasons.get(nul.id()).contains("control character"), reasons.toString());
            assertTrue(reasons.get(injected.id()).contains("not well-formed JSON"), reasons.toString());
            assertTrue(reasons.get(forged.id()).contains("may not write"), reasons.toString());
        }
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theTimelineFiltersByTypeAndTimeAndPagesWithACursor() {
        Instant before = Instant.now().minusSeconds(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EventEnvelope event = event("stack-page-" + i);
            ids.add(event.id());
            send(event);
        }
        EventEnvelope other = EventCatalog.instance().envelope(PipelineRegistered.newBuilder().setPipelineName("p")
                .build(), "opsplane/pipeline-service", "p", correlation, null);
        send(CloudEventCodec.toRecord(topics.events("pipeline"), other));
        assertEquals(6, awaitTimeline(6).size());

        List<String> paged = new ArrayList<>();
        String cursor = "";
        int pages = 0;
        do {
            TimelinePage page = query(TimelineQuery.newBuilder().setCorrelationId(correlation)
                    .setType("opsplane.events.v1.ChangeApplied").setLimit(2).setCursor(cursor)
                    .setFrom(com.google.protobuf.Timestamp.newBuilder().setSeconds(before.getEpochSecond())).build());
            page.getEntriesList().forEach(e -> paged.add(e.getEventId()));
            cursor = page.getNextCursor();
            pages++;
        } while (!cursor.isEmpty() && pages < 10);
        assertEquals(3, pages);
        assertEquals(5, paged.size());
        assertTrue(paged.containsAll(ids));
        assertFalse(paged.contains(other.id()));

        TimelinePage future = query(TimelineQuery.newBuilder().setCorrelationId(correlation)
                .setFrom(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond() + 3600))
                .build());
        assertEquals(0, future.getEntriesCount());
    }

    @Test
    void aCallerScopedToOnePipelineSeesThatPipelinesEventsOnly() {
        String web = "web-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> webIds = new ArrayList<>();
        for (String pipeline : List.of(web, "billing", web)) {
            EventEnvelope registered = EventCatalog.instance().envelope(PipelineRegistered.newBuilder()
                    .setPipelineName(pipeline).build(), "opsplane/pipeline-service", pipeline, correlation, null);
            send(CloudEventCodec.toRecord(topics.events("pipeline"), registered));
            if (pipeline.equals(web)) {
                webIds.add(registered.id());
            }
        }
        send(event("stack-of-everyone"));
        assertEquals(4, awaitTimeline(4).size());

        TimelineServiceGrpc.TimelineServiceBlockingStub scoped = TestPrincipals.as(
                TestPrincipals.user("web-dev", "developer", "pipeline:web-*"), timelineUnauthenticated);
        List<String> seen = scoped.queryTimeline(TimelineQuery.newBuilder().setCorrelationId(correlation).build())
                .getEntriesList().stream().map(TimelineEntry::getEventId).toList();
        TimelineServiceGrpc.TimelineServiceBlockingStub elsewhere = TestPrincipals.as(
                TestPrincipals.user("env-dev", "developer", "environment:prod"), timelineUnauthenticated);

        assertEquals(webIds, seen);
        assertEquals(0, elsewhere.queryTimeline(TimelineQuery.newBuilder().setCorrelationId(correlation).build())
                .getEntriesCount());
    }

    @Test
    void badQueriesAreInvalidArguments() {
        for (TimelineQuery bad : List.of(
                TimelineQuery.newBuilder().setLimit(5000).build(),
                TimelineQuery.newBuilder().setLimit(-1).build(),
                TimelineQuery.newBuilder().setCursor("garbage!").build(),
                TimelineQuery.newBuilder().setType("x".repeat(300)).build(),
                TimelineQuery.newBuilder().setFrom(com.google.protobuf.Timestamp.newBuilder().setSeconds(2000))
                        .setTo(com.google.protobuf.Timestamp.newBuilder().setSeconds(1000)).build())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> query(bad));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), bad.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
