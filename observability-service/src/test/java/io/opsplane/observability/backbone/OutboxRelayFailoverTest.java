package io.opsplane.observability.backbone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.Topics;
import io.opsplane.platform.kafka.KafkaClients;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.platform.outbox.OutboxPublisher;
import io.opsplane.platform.outbox.OutboxRelay;
import io.opsplane.proto.events.v1.AlertFiring;
import io.opsplane.proto.observability.v1.TimelineQuery;
import io.opsplane.proto.observability.v1.TimelineServiceGrpc;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay's crash windows, with the service's own relay off so the test drives every pass: Kafka
 * acknowledged but the row was not marked yet (the next relay publishes it again, the consumer
 * applies it once), and two relays competing (one publishes, the other stands by and takes over when
 * the first one's connection ends).
 */
@QuarkusTest
@TestProfile(OutboxRelayFailoverTest.RelayOff.class)
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability_relay"))
class OutboxRelayFailoverTest {

    public static class RelayOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opsplane.outbox.relay.enabled", "false");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    KafkaClients kafkaClients;

    @Inject
    Topics topics;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @GrpcClient("self")
    TimelineServiceGrpc.TimelineServiceBlockingStub timelineUnauthenticated;

    /** Calls as a viewer, relayed by the gateway. */
    TimelineServiceGrpc.TimelineServiceBlockingStub timeline;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String databaseUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String databaseUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    String databasePassword;

    private EventEnvelope record(String fingerprint, String correlation) throws Throwable {
        AlertFiring alert = AlertFiring.newBuilder().setFingerprint(fingerprint).setAlertName("Down").build();
        return VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(() -> outbox.record(fingerprint, alert)
                .map(event -> event)));
    }

    private OutboxPublisher publisher() {
        PgConnectOptions options = PgConnectOptions.fromUri(databaseUrl).setUser(databaseUser)
                .setPassword(databasePassword);
        return new OutboxPublisher(() -> (SqlConnection) PgConnection.connect(vertx, options).await()
                .atMost(Duration.ofSeconds(10)), kafkaClients.producer(),
                Set.of(topics.events("observability"), topics.deadLetter("observability")), 500, 10,
                KafkaClients.MAX_REQUEST_BYTES, Duration.ofSeconds(30));
    }

    private long pending() {
        return pool.query("SELECT count(*) FROM outbox_event WHERE published_at IS NULL").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    @BeforeEach
    void callAsAnAuthenticatedUser() {
        timeline = TestPrincipals.as(TestPrincipals.user("test-viewer", "viewer", "global"), timelineUnauthenticated);
    }

    @Test
    void acknowledgedButNotMarkedIsPublishedAgainAndAppliedOnce() throws Throwable {
        String fingerprint = "fp-" + UUID.randomUUID();
        EventEnvelope event = record(fingerprint, null);
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("observability")))) {
            // The relay sent the row and Kafka acknowledged it; the process died before the mark.
            kafkaClients.producer().send(CloudEventCodec.toRecord(topics.events("observability"), event)).get();

            assertEquals(1, relay.publishPending(), "the next relay publishes the unmarked row again");

            List<ConsumerRecord<String, byte[]>> copies = tap.await(r -> fingerprint.equals(r.key()), 2,
                    Duration.ofSeconds(10));
            assertEquals(2, copies.size(), "two copies on Kafka, with one event id");
            assertEquals(event.id(), EventTap.header(copies.get(0), "ce_id"));
            assertEquals(event.id(), EventTap.header(copies.get(1), "ce_id"));
        }
        Instant deadline = Instant.now().plusSeconds(15);
        int entries = 0;
        while (Instant.now().isBefore(deadline)) {
            entries = timeline.queryTimeline(TimelineQuery.newBuilder().setSubject(fingerprint).build()).getEntriesCount();
            if (entries > 0) {
                Thread.sleep(1000);   // the second copy follows the first on the same partition
                entries = timeline.queryTimeline(TimelineQuery.newBuilder().setSubject(fingerprint).build())
                        .getEntriesCount();
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(1, entries, "the consumer applies the event once");
    }

    @Test
    void twoRelaysCompeteOnePublishesTheOtherTakesOverWhenItDies() throws Throwable {
        String prefix = "fp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(record(prefix + i, null).id());
        }
        try (OutboxPublisher first = publisher(); OutboxPublisher second = publisher();
                EventTap tap = new EventTap(kafka, List.of(topics.events("observability")))) {
            OutboxPublisher.Pass a = first.publishOnce();
            OutboxPublisher.Pass b = second.publishOnce();
            assertTrue(a.holdsLock(), "the first relay takes the lock");
            assertFalse(b.holdsLock(), "the second stands by");
            assertEquals(0, b.published());
            assertTrue(a.published() >= 20, "the holder publishes everything pending: " + a);

            for (int i = 20; i < 30; i++) {
                ids.add(record(prefix + i, null).id());
            }
            assertEquals(0, second.publishOnce().published(), "still standing by while the holder lives");
            first.close();   // the holder's session ends, as when its process is killed
            OutboxPublisher.Pass takeover = second.publishOnce();
            assertTrue(takeover.holdsLock(), "the standby takes over");
            assertEquals(10, takeover.published());
            assertEquals(0, pending());

            tap.await(r -> r.key() != null && r.key().startsWith(prefix), 30, Duration.ofSeconds(15));
            // A little longer, so that a copy published twice would be seen too.
            Map<String, Integer> copies = new HashMap<>();
            tap.await(r -> r.key() != null && r.key().startsWith(prefix), 31, Duration.ofSeconds(2))
                    .forEach(r -> copies.merge(EventTap.header(r, "ce_id"), 1, Integer::sum));
            assertEquals(Set.copyOf(ids), copies.keySet(), "every event published");
            assertTrue(copies.values().stream().allMatch(n -> n == 1), "none twice: " + copies);
        }
    }
}
