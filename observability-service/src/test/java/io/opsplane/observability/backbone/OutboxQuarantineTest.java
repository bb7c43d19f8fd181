package io.opsplane.observability.backbone;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.Topics;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.AlertFiring;
import io.opsplane.proto.platform.v1.GetServiceInfoRequest;
import io.opsplane.proto.platform.v1.ListQuarantinedRequest;
import io.opsplane.proto.platform.v1.OutboxRow;
import io.opsplane.proto.platform.v1.OutboxRowRequest;
import io.opsplane.proto.platform.v1.OutboxServiceGrpc;
import io.opsplane.proto.platform.v1.ServiceInfo;
import io.opsplane.proto.platform.v1.ServiceInfoServiceGrpc;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbox rows Kafka will never accept, against the running relay: they are quarantined, rows of
 * other aggregates go on, their own aggregate waits, and an operator re-drives or discards them.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
class OutboxQuarantineTest {

    @Inject
    Outbox outbox;

    @Inject
    Topics topics;

    @Inject
    Pool pool;

    @GrpcClient("self")
    OutboxServiceGrpc.OutboxServiceBlockingStub outboxAdminUnauthenticated;

    /** Calls as a admin, relayed by the gateway. */
    OutboxServiceGrpc.OutboxServiceBlockingStub outboxAdmin;

    @GrpcClient("self")
    ServiceInfoServiceGrpc.ServiceInfoServiceBlockingStub serviceInfoUnauthenticated;

    /** Calls as a admin, relayed by the gateway. */
    ServiceInfoServiceGrpc.ServiceInfoServiceBlockingStub serviceInfo;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private EventEnvelope record(String fingerprint, String annotation) throws Throwable {
        AlertFiring alert = AlertFiring.newBuilder().setFingerprint(fingerprint).setAlertName("HighLatency")
                .putAnnotations("description", annotation).build();
        return VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(() -> outbox.record(fingerprint, alert)));
    }

    private List<OutboxRow> quarantined() {
        return outboxAdmin.listQuarantined(ListQuarantinedRequest.getDefaultInstance()).getRowsList();
    }

    private OutboxRow awaitQuarantined(String eventId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(deadline)) {
            for (OutboxRow row : quarantined()) {
                if (row.getEventId().equals(eventId)) {
                    return row;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("row of " + eventId + " was not quarantined: " + quarantined());
    }

    private List<ConsumerRecord<String, byte[]>> published(EventTap tap, String key, int count, int seconds) {
        return tap.await(r -> key.equals(r.key()), count, Duration.ofSeconds(seconds));
    }

    @BeforeEach
    void callAsAnAuthenticatedUser() {
        outboxAdmin = TestPrincipals.as(TestPrincipals.admin(), outboxAdminUnauthenticated);
        serviceInfo = TestPrincipals.as(TestPrincipals.admin(), serviceInfoUnauthenticated);
    }

    @Test
    void aRowTooLargeForKafkaIsQuarantinedAndHoldsOnlyItsOwnAggregate() throws Throwable {
        String stuck = "fp-" + UUID.randomUUID();
        String other = "fp-" + UUID.randomUUID();
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("observability")))) {
            EventEnvelope tooLarge = record(stuck, "x".repeat(1_100_000));
            EventEnvelope behind = record(stuck, "small, but after the large one");
            EventEnvelope unrelated = record(other, "another aggregate");

            OutboxRow row = awaitQuarantined(tooLarge.id());
            assertTrue(row.getLastError().contains("max.request.size"), row.getLastError());
            assertEquals(1, row.getAttempts());
            assertEquals(1, published(tap, other, 1, 15).size(), "another aggregate is not blocked");
            assertEquals(0, published(tap, stuck, 1, 2).size(), "its own aggregate waits, so its order holds");

            ServiceInfo info = serviceInfo.getServiceInfo(GetServiceInfoRequest.getDefaultInstance());
            assertTrue(info.getOutboxQuarantined() >= 1, info.toString());
            given().when().get("/q/health/ready").then().statusCode(200);
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("opsplane_outbox_quarantined_rows_total"));

            // Re-driven, it fails the same way and is quarantined again.
            OutboxRow redriven = outboxAdmin.redrive(OutboxRowRequest.newBuilder().setId(row.getId()).build());
            assertEquals(0, redriven.getAttempts());
            awaitQuarantined(tooLarge.id());

            // Discarded, it is given up and the aggregate's next row goes out.
            OutboxRow discarded = outboxAdmin.discard(OutboxRowRequest.newBuilder().setId(row.getId()).build());
            assertTrue(discarded.hasDiscardedAt());
            List<ConsumerRecord<String, byte[]>> after = published(tap, stuck, 1, 15);
            assertEquals(1, after.size());
            assertEquals(behind.id(), EventTap.header(after.get(0), "ce_id"));
        }
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> outboxAdmin.discard(OutboxRowRequest.newBuilder().setId(-5).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void aRowForATopicNobodyWritesIsQuarantined() throws Throwable {
        String eventId = UUID.randomUUID().toString();
        pool.preparedQuery("""
                INSERT INTO outbox_event (event_id, topic, event_type, source, subject, event_time, data)
                VALUES ($1, 'opsplane.nowhere.events', 'opsplane.events.v1.AlertFiring', 'opsplane/observability-service',
                        'fp-nowhere', now(), '{}')""").execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(5));
        OutboxRow row = awaitQuarantined(eventId);
        assertTrue(row.getLastError().contains("not a topic this service writes"), row.getLastError());
    }
}
