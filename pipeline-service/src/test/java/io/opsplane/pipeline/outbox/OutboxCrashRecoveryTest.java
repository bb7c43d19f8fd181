package io.opsplane.pipeline.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.outbox.OutboxRelay;
import io.opsplane.proto.pipeline.v1.PipelineServiceGrpc;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A process that dies after the commit and before the publish: the relay of this instance never runs
 * (as if killed right after the commit), so the committed event waits in the outbox. The relay is
 * stateless, so the next process's first pass is exactly {@link OutboxRelay#publishPending()}.
 */
@QuarkusTest
@TestProfile(OutboxCrashRecoveryTest.RelayDown.class)
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "pipeline_crash"))
class OutboxCrashRecoveryTest {

    public static class RelayDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opsplane.outbox.relay.enabled", "false");
        }
    }

    @GrpcClient("self")
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelinesUnauthenticated;

    /** Calls as a developer, relayed by the gateway. */
    PipelineServiceGrpc.PipelineServiceBlockingStub pipelines;

    @Inject
    OutboxRelay relay;

    @Inject
    Pool pool;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @jakarta.inject.Inject
    io.opsplane.platform.events.Topics topics;

    private Row outboxRow(String subject) {
        var rows = pool.preparedQuery("SELECT event_id, published_at FROM outbox_event WHERE subject = $1")
                .execute(Tuple.of(subject)).await().atMost(Duration.ofSeconds(5));
        assertEquals(1, rows.size(), "exactly one outbox row for " + subject);
        return rows.iterator().next();
    }

    private void awaitAuditRecord() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var rows = pool.preparedQuery("SELECT 1 FROM outbox_event WHERE event_type = $1 AND published_at IS NULL")
                    .execute(Tuple.of("opsplane.events.v1.AuditRecorded")).await().atMost(Duration.ofSeconds(5));
            if (rows.size() > 0) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the registration's audit record never reached the outbox");
    }

    @BeforeEach
    void callAsAnAuthenticatedUser() {
        pipelines = TestPrincipals.as(TestPrincipals.user("test-developer", "developer", "global"), pipelinesUnauthenticated);
    }

    @Test
    void aCommittedEventIsPublishedByTheNextRelayExactlyOnce() {
        String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("pipeline")))) {
            pipelines.registerPipeline(RegisterPipelineRequest.newBuilder().setName(name)
                    .setDefinition("build:\n  script: make\n").build());

            Row pending = outboxRow(name);
            assertNull(pending.getOffsetDateTime("published_at"), "committed with the state change, not yet published");
            assertTrue(tap.await(r -> name.equals(r.key()), 1, Duration.ofSeconds(2)).isEmpty(),
                    "nothing is published while the relay is down");

            // The registration's audit record goes through the same outbox, in a transaction of its own
            // once the call has ended: wait for it, so the pass below publishes both.
            awaitAuditRecord();
            assertEquals(2, relay.publishPending());

            var published = tap.await(r -> name.equals(r.key()), 2, Duration.ofSeconds(3));
            assertEquals(1, published.size(), "published once");
            assertEquals(pending.getString("event_id"), EventTap.header(published.get(0), "ce_id"));
            assertNotNull(outboxRow(name).getOffsetDateTime("published_at"), "marked published");
            assertEquals(0, relay.publishPending(), "a second pass finds nothing left");
        }
    }
}
