package io.opsplane.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.health.v1.HealthGrpc;
import io.opsplane.proto.platform.v1.GetServiceInfoRequest;
import io.opsplane.proto.platform.v1.ServiceInfo;
import io.opsplane.proto.platform.v1.ServiceInfoServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import org.junit.jupiter.api.Test;

/**
 * What every Opsplane service promises, checked against the running service with its real database
 * and broker: readiness that really covers Kafka, PostgreSQL and gRPC, Prometheus metrics, gRPC health
 * and its own description (migrated schema, topics). Each service module extends it once.
 */
public abstract class ServiceContractTest {

    @GrpcClient("self")
    ServiceInfoServiceGrpc.ServiceInfoServiceBlockingStub serviceInfo;

    @GrpcClient("self")
    HealthGrpc.HealthBlockingStub health;

    /** The service's name, e.g. {@code pipeline-service}. */
    protected abstract String serviceName();

    @Test
    void readinessCoversKafkaDatabaseAndGrpc() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Kafka broker",
                        "Reactive PostgreSQL connections health check", "gRPC Server", "Outbox relay",
                        "Event consumers"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("opsplane_outbox_published_total"))
                .body(containsString("opsplane_outbox_oldest_pending_age_seconds"))
                .body(containsString("opsplane_outbox_quarantined "));
    }

    @Test
    void grpcHealthServes() {
        HealthCheckResponse response = health.check(HealthCheckRequest.newBuilder().build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus());
    }

    @Test
    void describesItselfWithItsMigratedSchemaAndTopics() {
        ServiceInfo info = serviceInfo.getServiceInfo(GetServiceInfoRequest.getDefaultInstance());
        assertEquals(serviceName(), info.getName());
        assertFalse(info.getSchemaVersion().isEmpty(), "no migration applied");
        assertTrue(Integer.parseInt(info.getSchemaVersion()) >= 2, "platform migrations missing: " + info);
        String domain = serviceName().replace("-service", "");
        String prefix = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("opsplane.topics.prefix", String.class);
        assertEquals(prefix + "." + domain + ".events", info.getEventsTopic());
        assertEquals(prefix + "." + domain + ".dead-letter", info.getDeadLetterTopic());
        assertTrue(info.getOutboxBacklog() >= 0);
        assertTrue(info.getOutboxQuarantined() >= 0);
    }
}
